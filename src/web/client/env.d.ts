/** Style sheets imported by islands are bundled by Vite; to the type checker they are opaque. */
declare module '*.css';
