import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A stand-in for a Lit element hosting a lab's store: counts update requests, connects on demand. */
export class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }

  requestUpdate(): void {
    this.updates++;
  }

  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }

  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}
