/**
 * @module kubelet/status/reason-cache
 * Why a container could not be started on the last sync (CrashLoopBackOff, ErrImagePull,
 * ImagePullBackOff, ErrImageNeverPull, CreateContainerError, RunContainerError,
 * PostStartHookError), per pod UID and container name, as upstream's reasonCache. Status
 * generation shows these as the container's waiting state; a successful start clears them.
 */
export interface StartFailure {
  reason: string;
  message: string;
}

export class ReasonCache {
  private readonly byPod = new Map<string, Map<string, StartFailure>>();

  set(uid: string, name: string, f: StartFailure): void {
    let m = this.byPod.get(uid);
    if (!m) this.byPod.set(uid, (m = new Map()));
    m.set(name, f);
  }

  get(uid: string, name: string): StartFailure | undefined {
    return this.byPod.get(uid)?.get(name);
  }

  delete(uid: string, name: string): void {
    this.byPod.get(uid)?.delete(name);
  }

  forgetPod(uid: string): void {
    this.byPod.delete(uid);
  }
}
