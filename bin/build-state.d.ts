/** The compiled tree, relative to the project root. */
export declare const serverBuildDir: string;
/** A file whose modification time is the moment the build read the sources. */
export declare const buildStamp: string;
/** The newest modification time in a file or tree, directories included. */
export declare function newestMtime(path: string): number;
/** The compiled CLI entry when dist/server is at least as new as every file under src/. */
export declare function freshCompiledEntry(root: string): string | undefined;
