// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { ArticleView, ReadingProgress } from '../../common/model';
import { LecternError } from '../bridge';
import { ReaderController } from './reader-controller';

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });
const PROGRESS: ReadingProgress = { fraction: 0.4, position: 12, within: 0 };

function controllerRefusing(error: Error) {
  const bridge = {
    getArticle: vi.fn(async (id: string) => ({ id, progress: null }) as unknown as ArticleView),
    setReadingProgress: vi.fn(async () => {
      throw error;
    }),
  };
  return { bridge, controller: new ReaderController(host(), bridge) };
}

describe('ReaderController.saveProgress', () => {
  it('rejects with main’s words when the position could not be saved', async () => {
    const { controller } = controllerRefusing(new LecternError('io', 'Could not write article.json: no space left on device (ENOSPC).'));
    await expect(controller.saveProgress('a', PROGRESS)).rejects.toThrow('Could not write article.json: no space left on device (ENOSPC).');
  });

  it('stays quiet in a read-only library (its line already says so) and still remembers the position for this session', async () => {
    const { controller, bridge } = controllerRefusing(new LecternError('read-only', 'Not saved. This library is open in Lectern on this computer.'));
    await expect(controller.saveProgress('a', PROGRESS)).resolves.toBeUndefined();
    expect(bridge.setReadingProgress).toHaveBeenCalledOnce();
    await controller.open('a');
    expect(controller.article?.progress).toEqual(PROGRESS);
  });
});
