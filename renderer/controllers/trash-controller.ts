/** The library's trash: what is in it, restoring one article, emptying it. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TrashedArticle } from '../../common/model';
import { bridge as defaultBridge, type Bridge } from '../bridge';
import { errorMessage } from './errors';

export class TrashController implements ReactiveController {
  items: TrashedArticle[] = [];
  loading = false;
  error: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: Pick<Bridge, 'listTrash' | 'restoreArticle' | 'emptyTrash'> = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  async load(): Promise<void> {
    this.loading = true;
    this.host.requestUpdate();
    try {
      this.items = await this.bridge.listTrash();
      this.error = null;
    } catch (cause) {
      this.error = `The trash could not be read. ${errorMessage(cause)}`;
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  /** Restore one article; its title, or null (the error is in `error`). */
  async restore(id: string): Promise<string | null> {
    const title = this.items.find((item) => item.id === id)?.title ?? id;
    try {
      await this.bridge.restoreArticle(id);
    } catch (cause) {
      this.error = `“${title}” could not be restored. ${errorMessage(cause)}`;
      this.host.requestUpdate();
      return null;
    }
    await this.load();
    return title;
  }

  /** Delete everything in the trash; how many, or null (the error is in `error`). */
  async empty(): Promise<number | null> {
    try {
      const { removed } = await this.bridge.emptyTrash();
      await this.load();
      return removed;
    } catch (cause) {
      this.error = `The trash could not be emptied. ${errorMessage(cause)}`;
      this.host.requestUpdate();
      return null;
    }
  }
}
