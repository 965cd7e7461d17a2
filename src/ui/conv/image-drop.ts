import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Images handed to a view by dropping a file on it or pasting one anywhere on the page (Ctrl+V).
 * The view binds `onDragOver` and `onDrop` to the element that takes drops.
 */
export class ImageDrop implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly onImage: (blob: Blob, name: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('paste', this.onPaste);
  }

  hostDisconnected(): void {
    window.removeEventListener('paste', this.onPaste);
  }

  readonly onDragOver = (e: DragEvent) => e.preventDefault();

  readonly onDrop = (e: DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) this.onImage(file, file.name);
  };

  private readonly onPaste = (event: ClipboardEvent) => {
    const item = [...(event.clipboardData?.items ?? [])].find((i) => i.type.startsWith('image/'));
    const blob = item?.getAsFile();
    if (blob) this.onImage(blob, 'the pasted image');
  };
}
