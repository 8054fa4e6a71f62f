/**
 * @module kubelet/images/image-manager
 * Makes sure a container's image is present before the container is created, honouring
 * imagePullPolicy (Always; IfNotPresent; Never) and a per pod+image pull back-off (10 s doubling
 * to 300 s), with upstream's events: Pulling, Pulled (`Successfully pulled …` or `… already
 * present on machine`), Failed, BackOff and ErrImageNeverPull.
 *
 * Failures reject with `ImagePullError`, whose `reason` is the container's waiting reason
 * (`ErrImagePull`, `ImagePullBackOff`, `ErrImageNeverPull`) and whose message is the waiting message.
 */
import type { Container, Pod } from '../../api/core/pods/types.js';
import type { ImageService, PodSandboxConfig } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import type { EventSink } from '../interfaces.js';
import { Backoff } from '../runtime-manager/backoff.js';
import { formatGoDuration } from '../runtime-manager/format.js';
import { InvalidReferenceError, parseReference } from '../../util/image-reference.js';

/** Why `image` is not a valid image reference (`couldn't parse image name …`), or undefined. */
function invalidReason(image: string): string | undefined {
  try {
    parseReference(image);
    return undefined;
  } catch (err) {
    if (err instanceof InvalidReferenceError) return err.message;
    throw err;
  }
}

export type ImagePullReason = 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull' | 'InvalidImageName';

export class ImagePullError extends Error {
  readonly isImagePullError = true;
  constructor(
    readonly reason: ImagePullReason,
    message: string,
  ) {
    super(message);
    this.name = 'ImagePullError';
  }
  static is(e: unknown): e is ImagePullError {
    return typeof e === 'object' && e !== null && (e as ImagePullError).isImagePullError === true;
  }
}

export interface ImageManagerOptions {
  images: ImageService;
  events: EventSink;
  clock: Clock;
}

/** The policy upstream defaults to: Always for `:latest` or untagged images, else IfNotPresent. */
export function pullPolicyOf(c: Container): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? '';
  const lastPart = image.split('/').pop() ?? '';
  if (image.includes('@')) return 'IfNotPresent';
  const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export class ImageManager {
  private readonly backoff: Backoff;
  constructor(private readonly opts: ImageManagerOptions) {
    this.backoff = new Backoff(opts.clock, 10_000, 300_000);
  }

  /**
   * Resolves with the image reference to create the container from. Emits the events itself.
   * `fieldPath` names the container in events (`spec.containers{web}`).
   */
  async ensureImageExists(
    pod: Pod,
    c: Container,
    fieldPath: string,
    sandboxConfig?: PodSandboxConfig,
  ): Promise<string> {
    const { images, events, clock } = this.opts;
    const image = c.image ?? '';
    // As upstream's applyDefaultImageTag: a name the reference grammar refuses is never pulled.
    const invalid = invalidReason(image);
    if (invalid !== undefined) {
      const msg = `Failed to apply default image tag "${image}": ${invalid}`;
      events.event(pod, 'Warning', 'InspectFailed', msg, fieldPath);
      throw new ImagePullError('InvalidImageName', msg);
    }
    const policy = pullPolicyOf(c);
    const present = await images.imageStatus(image);
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        events.event(
          pod,
          'Normal',
          'Pulled',
          `Container image "${image}" already present on machine`,
          fieldPath,
        );
        return present.repoDigests[0] ?? present.id;
      }
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      events.event(pod, 'Warning', 'ErrImageNeverPull', msg, fieldPath);
      throw new ImagePullError('ErrImageNeverPull', msg);
    }
    const key = `${pod.metadata.uid}_${image}`;
    if (this.backoff.inBackOffSinceUpdate(key, clock.nowMs())) {
      const msg = `Back-off pulling image "${image}"`;
      events.event(pod, 'Normal', 'BackOff', msg, fieldPath);
      throw new ImagePullError('ImagePullBackOff', msg);
    }
    events.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, fieldPath);
    const started = clock.nowMs();
    try {
      // CRI's PullImageRequest carries the sandbox config; runtimes may use it (sim: per-pod
      // scripted failures), so it goes along as an optional third argument.
      const pull = images.pullImage.bind(images) as (
        image: string,
        auth?: undefined,
        sandbox?: PodSandboxConfig,
      ) => ReturnType<ImageService['pullImage']>;
      const res = await pull(image, undefined, sandboxConfig);
      const waited = Math.max(res.durationMs, clock.nowMs() - started);
      events.event(
        pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${formatGoDuration(res.durationMs)} (${formatGoDuration(waited)} including waiting). Image size: ${res.size} bytes.`,
        fieldPath,
      );
      this.backoff.reset(key);
      return res.ref;
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      events.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${detail}`, fieldPath);
      this.backoff.next(key, clock.nowMs());
      throw new ImagePullError('ErrImagePull', detail);
    }
  }

  /** When the pod's pull back-off for `image` ends, if one is running (for scheduling a resync). */
  backoffEndsAt(pod: Pod, image: string): number | undefined {
    const key = `${pod.metadata.uid}_${image}`;
    return this.backoff.inBackOffSinceUpdate(key, this.opts.clock.nowMs())
      ? this.backoff.endsAfterUpdate(key)
      : undefined;
  }

  forgetPod(uid: string): void {
    this.backoff.forgetPrefix(`${uid}_`);
  }
}
