/** Cache names shared by the page scripts and the service worker. */

/** Pages kept for offline reading: the last searches, visited and saved meeting pages, help. */
export const PAGES_CACHE = 'porchlight-pages-v1';
