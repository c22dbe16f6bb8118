import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = resolve(ROOT, 'out/renderer');
export const CONTENT_DIR = resolve(ROOT, 'content');
export const SHIM_FILE = resolve(ROOT, 'node_modules/.cache/lectern/preload-shim.js');
export const TEMPLATE_LIBRARY = resolve(ROOT, 'node_modules/.cache/lectern/template-library');
export const SEARCH_WORKER_FILE = resolve(ROOT, 'out/main/search-worker.js');
export const DOCUMENT_WORKER_FILE = resolve(ROOT, 'out/main/document-worker.js');
