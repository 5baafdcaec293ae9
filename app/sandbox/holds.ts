// Responses held open by the `timeout` fault. Released (connection dropped) when the hold ends or the
// sandbox closes, so close() never waits for a held request.
import type { Response } from "express";

export class Holds {
  private readonly held = new Map<Response, NodeJS.Timeout>();

  hold(res: Response, ms: number): void {
    const timer = setTimeout(() => this.release(res), ms);
    this.held.set(res, timer);
    // A client that gives up first must not leave a timer behind.
    res.on("close", () => this.forget(res));
  }

  releaseAll(): void {
    for (const res of [...this.held.keys()]) this.release(res);
  }

  private release(res: Response): void {
    this.forget(res);
    res.socket?.destroy();
  }

  private forget(res: Response): void {
    const timer = this.held.get(res);
    if (timer) clearTimeout(timer);
    this.held.delete(res);
  }
}
