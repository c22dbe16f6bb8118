/** Messages between main and the document worker (document-worker.ts). */
import type { ErrorCode } from '../../common/result';
import type { PlacedImages } from './images';

export type DocumentRequest =
  | { id: number; op: 'extract'; html: string; pageUrl: string }
  | { id: number; op: 'file'; path: string; bytes: Uint8Array }
  | { id: number; op: 'plan'; html: string; maxImages: number }
  | { id: number; op: 'finish'; html: string; placed: PlacedImages }
  /** Tests only (the worker refuses them without `testHooks`). */
  | { id: number; op: 'hang' }
  | { id: number; op: 'crash' };

export type DocumentReply =
  /** The thread took up request `id` (its time limit starts now). */
  | { id: number; started: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; code: ErrorCode; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The request in `raw`, or null when it is not one. */
export function parseDocumentRequest(raw: unknown): DocumentRequest | null {
  if (!isObject(raw) || !Number.isSafeInteger(raw['id'])) return null;
  switch (raw['op']) {
    case 'extract':
      return typeof raw['html'] === 'string' && typeof raw['pageUrl'] === 'string' ? (raw as DocumentRequest) : null;
    case 'file':
      return typeof raw['path'] === 'string' && raw['bytes'] instanceof Uint8Array ? (raw as DocumentRequest) : null;
    case 'plan':
      return typeof raw['html'] === 'string' && Number.isSafeInteger(raw['maxImages']) ? (raw as DocumentRequest) : null;
    case 'finish':
      return typeof raw['html'] === 'string' && isObject(raw['placed']) ? (raw as DocumentRequest) : null;
    case 'hang':
    case 'crash':
      return raw as DocumentRequest;
    default:
      return null;
  }
}

/** The reply in `raw`, or null when it is not one. */
export function parseDocumentReply(raw: unknown): DocumentReply | null {
  if (!isObject(raw) || !Number.isSafeInteger(raw['id'])) return null;
  if (raw['started'] === true || raw['ok'] === true) return raw as DocumentReply;
  if (raw['ok'] === false && typeof raw['code'] === 'string' && typeof raw['message'] === 'string') return raw as DocumentReply;
  return null;
}
