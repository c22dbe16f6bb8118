/**
 * The worker message schemas (main/search/protocol.ts, main/saving/document-protocol.ts):
 * what each end accepts, with the defaults filled in, and what it refuses.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DocumentReplySchema, DocumentRequestSchema } from '../../main/saving/document-protocol';
import { RequestSchema, WorkerMessageSchema, WorkerOptionsSchema } from '../../main/search/protocol';

describe('search worker messages', () => {
  it('parses a query with the contract’s defaults, and refreshes by id', () => {
    expect(v.parse(RequestSchema, { id: 1, type: 'query', input: { query: 'fox' } })).toEqual({
      id: 1,
      type: 'query',
      input: { query: 'fox', filters: { colors: [], tags: [], hasNotes: false }, limit: 30 },
    });
    expect(v.parse(RequestSchema, { id: 2, type: 'refresh', ids: ['a', 'b'] })).toEqual({ id: 2, type: 'refresh', ids: ['a', 'b'] });
  });

  it.each([
    ['no id', { type: 'ready' }],
    ['an unknown type', { id: 1, type: 'drop-tables' }],
    ['ids that are not strings', { id: 1, type: 'remove', ids: [1] }],
    ['a query that is not one', { id: 1, type: 'query', input: { query: 42 } }],
    ['not an object', 'ready'],
  ])('refuses a request with %s', (_label, raw) => {
    expect(v.is(RequestSchema, raw)).toBe(false);
  });

  it('parses replies and log lines from the worker, and refuses anything else', () => {
    expect(v.parse(WorkerMessageSchema, { type: 'reply', id: 3, ok: true, value: null })).toEqual({ type: 'reply', id: 3, ok: true, value: null });
    expect(v.parse(WorkerMessageSchema, { type: 'reply', id: 3, ok: false, message: 'no' })).toEqual({ type: 'reply', id: 3, ok: false, message: 'no' });
    expect(v.parse(WorkerMessageSchema, { type: 'log', message: 'hi' })).toEqual({ type: 'log', message: 'hi' });
    expect(v.is(WorkerMessageSchema, { type: 'reply', id: 3, ok: false })).toBe(false);
    expect(v.is(WorkerMessageSchema, { type: 'log', message: 7 })).toBe(false);
    expect(v.is(WorkerOptionsSchema, { libraryDir: '/l', engine: 'grep' })).toBe(false);
  });
});

describe('document worker messages', () => {
  it('parses each request the client sends', () => {
    const bytes = new Uint8Array([1, 2]);
    expect(v.parse(DocumentRequestSchema, { id: 1, op: 'file', path: '/a.md', bytes })).toEqual({ id: 1, op: 'file', path: '/a.md', bytes });
    const placed = { articleId: 'a', files: ['x.png', null], maxImages: 2 };
    expect(v.parse(DocumentRequestSchema, { id: 2, op: 'finish', html: '<p>', placed })).toEqual({ id: 2, op: 'finish', html: '<p>', placed });
  });

  it.each([
    ['an id that is not an integer', { id: 1.5, op: 'hang' }],
    ['bytes that are not bytes', { id: 1, op: 'file', path: '/a.md', bytes: [1, 2] }],
    ['an unknown op', { id: 1, op: 'eval', code: '1' }],
    ['a busy time that is not a number of ms', { id: 1, op: 'busy', ms: -1 }],
  ])('refuses a request with %s', (_label, raw) => {
    expect(v.is(DocumentRequestSchema, raw)).toBe(false);
  });

  it('parses replies, and refuses an error code outside the contract’s list', () => {
    expect(v.parse(DocumentReplySchema, { id: 1, started: true })).toEqual({ id: 1, started: true });
    expect(v.parse(DocumentReplySchema, { id: 1, ok: false, code: 'too-large', message: 'big' })).toEqual({ id: 1, ok: false, code: 'too-large', message: 'big' });
    expect(v.is(DocumentReplySchema, { id: 1, ok: false, code: 'oops', message: 'big' })).toBe(false);
  });
});
