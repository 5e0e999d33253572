/**
 * Wires the editing, history, review, suggestion and verification pages, and the administrators'
 * source pages, into the server.
 */
import type { HttpServer } from '../../platform/http/server.js';
import { registerChangeRequestPages } from '../change-requests/routes.js';
import { historyService } from '../history/history-service.js';
import { registerHistoryPages } from '../history/routes.js';
import type { SourceAdminDeps } from '../sources/manage-sources.js';
import { registerSourcePages } from '../sources/routes.js';
import { registerVerificationPages } from '../verification/routes.js';
import { registerEditingScope, type EditingWebDeps } from './http.js';
import { registerEditingPages } from './routes.js';

/** Registers every page of editing and review (they share one scope and its error handling). */
export function registerEditingRoutes(
  server: HttpServer,
  deps: EditingWebDeps,
  sources: SourceAdminDeps,
): void {
  registerEditingScope(server, deps, (scope, kit) => {
    registerEditingPages(scope, kit);
    registerHistoryPages(scope, kit, historyService(deps));
    registerChangeRequestPages(scope, kit);
    registerVerificationPages(scope, kit);
    registerSourcePages(scope, kit, sources);
  });
}
