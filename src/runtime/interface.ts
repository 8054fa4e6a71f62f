/**
 * @module runtime/interface
 * The container runtime as the kubelet sees it, shaped after the CRI (RuntimeService and
 * ImageService). A runtime only does what it is told: all lifecycle policy (ordering, restarts,
 * back-off, probes, hooks, grace periods) lives in the kubelet.
 *
 * Implementations: `sim/` (no processes; scripted by pod annotations), later `oci/` (runc + CNI)
 * and `process/`. Every implementation must pass `runtime.conformance.ts`.
 *
 * Times are milliseconds since the epoch from the runtime's injected clock. IDs are opaque
 * strings, unique for the runtime's lifetime (and across restarts for persistent runtimes).
 * All methods may be called concurrently for different objects.
 */

export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
export type ContainerState =
  'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

export interface PodSandboxMetadata {
  name: string;
  namespace: string;
  uid: string;
  /** Increases each time the kubelet has to create a new sandbox for the same pod. */
  attempt: number;
}

export interface PortMapping {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  containerPort: number;
  hostPort: number;
  hostIp?: string;
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname: string;
  /** Directory for the pod's container logs (`<root>/pods/<ns>_<name>_<uid>`). */
  logDirectory: string;
  dnsConfig?: { servers: string[]; searches: string[]; options: string[] };
  portMappings: PortMapping[];
  hostNetwork: boolean;
  /** The pod's containers see the host's processes (CRI NamespaceMode NODE for PID). */
  hostPID?: boolean;
  /** The pod's containers use the host's IPC namespace and /dev/shm (NamespaceMode NODE for IPC). */
  hostIPC?: boolean;
  /** The pod's containers share one PID namespace (shareProcessNamespace: NamespaceMode POD). */
  sharedPidNamespace?: boolean;
  labels: Record<string, string>;
  /** The pod's annotations (the sim runtime reads its script from here). */
  annotations: Record<string, string>;
  /** The most processes the pod may run (the kubelet's podPidsLimit); unset = no limit. */
  pidsLimit?: number;
  /** Pod-level resources, for cgroups (oci). */
  cpuLimitMillis?: number;
  memoryLimitBytes?: number;
}

export interface PodSandboxStatus {
  id: string;
  metadata: PodSandboxMetadata;
  state: SandboxState;
  createdAt: number;
  /** The pod IP; empty for hostNetwork pods (the node's IP is used). */
  ip: string;
  additionalIps: string[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface Mount {
  containerPath: string;
  /** A file or directory on the host; the kubelet has already resolved subPath into it. */
  hostPath: string;
  readonly: boolean;
}

/** Linux security settings of a container, as the CRI's LinuxContainerSecurityContext; unset = runtime default. */
export interface ContainerSecurity {
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  readonlyRootfs?: boolean;
  privileged?: boolean;
  /** Capability names without the `CAP_` prefix (`NET_ADMIN`), or `ALL`. */
  capabilities?: { add: string[]; drop: string[] };
  noNewPrivileges?: boolean;
}

export interface ContainerMetadata {
  name: string;
  /** Restart count of this container in this pod: 0 for the first run. */
  attempt: number;
}

export interface ContainerConfig {
  metadata: ContainerMetadata;
  /** The image reference as the pod names it, resolved by pullImage. */
  image: string;
  command: string[];
  args: string[];
  workingDir?: string;
  envs: KeyValue[];
  mounts: Mount[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Log file path relative to the sandbox's logDirectory (`<name>/<attempt>.log`). */
  logPath: string;
  stdin: boolean;
  stdinOnce: boolean;
  tty: boolean;
  cpuLimitMillis?: number;
  /** For CPU shares (cgroup cpu.shares = millis × 1024 / 1000, at least 2). */
  cpuRequestMillis?: number;
  memoryLimitBytes?: number;
  security?: ContainerSecurity;
  /**
   * The container joins the PID namespace of this container of the pod (CRI NamespaceMode
   * TARGET): an ephemeral container's targetContainerName, as `kubectl debug --target`.
   */
  pidNamespaceTarget?: string;
}

export interface ContainerStatus {
  id: string;
  /** The sandbox the container belongs to. */
  podSandboxId: string;
  metadata: ContainerMetadata;
  state: ContainerState;
  createdAt: number;
  /** 0 until started. */
  startedAt: number;
  /** 0 until exited. */
  finishedAt: number;
  exitCode: number;
  /** Set for exited containers when the runtime knows why: `OOMKilled`, `Error`, `Completed`, `ContainerCannotRun`. */
  reason: string;
  message: string;
  image: string;
  /** Digest-qualified reference of the image the container runs (`docker.io/library/nginx@sha256:…`). */
  imageRef: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Absolute path of the container's CRI-format log file, if any. */
  logPath: string;
}

export interface ContainerFilter {
  podSandboxId?: string;
  state?: ContainerState;
  labelSelector?: Record<string, string>;
}

export interface SandboxFilter {
  state?: SandboxState;
  labelSelector?: Record<string, string>;
}

export interface ExecResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
}

/** How a streaming exec or attach is wired: stdin passed through, and one terminal or two streams. */
export interface StreamOptions {
  /** Pass the client's input to the process (without it the process's stdin is empty, or untouched on attach). */
  stdin: boolean;
  /** A terminal: the process's output comes as one stream (`stdout`), and `resize` sizes it. */
  tty: boolean;
}

/**
 * A process whose streams flow while it runs (the CRI's streaming Exec and Attach): bytes are
 * passed on as they arrive, both ways.
 */
export interface ExecProcess {
  /** Its input, when opened with `stdin`; ending it closes the process's stdin. */
  stdin?: NodeJS.WritableStream;
  stdout: NodeJS.ReadableStream;
  /** Absent with a tty (the terminal carries both). */
  stderr?: NodeJS.ReadableStream;
  /**
   * Sets the terminal's size (no-op without a tty). 0x0 is a client's terminal of no size: it
   * changes no size, but a terminal exec waiting for the first size starts without one.
   */
  resize(cols: number, rows: number): void;
  /**
   * Resolves once the process has ended and its output streams have ended: with its exit code
   * (128+n for a signal) for exec; with 0 for attach, when the container stopped or the stream was
   * closed by `kill`.
   */
  exit: Promise<number>;
  /** Ends it: an exec's command is killed; an attach only detaches (the container runs on). */
  kill(): void;
}

/** A change the runtime noticed on its own (a container exited), so the kubelet need not wait for a relist. */
export interface RuntimeEvent {
  type: 'ContainerStarted' | 'ContainerStopped' | 'ContainerCreated' | 'ContainerDeleted' | 'SandboxStopped';
  containerId?: string;
  podSandboxId: string;
  podUid: string;
}

/**
 * Optional: a runtime that scripts probe outcomes itself (sim) answers probes here instead of the
 * kubelet running them against the pod (exec, HTTP, TCP, gRPC). `undefined` = run the probe normally.
 */
export type ScriptedProbe = (
  containerId: string,
  kind: 'liveness' | 'readiness' | 'startup',
) => Promise<'success' | 'failure' | undefined>;

/** Errors a runtime throws, by code; the kubelet maps them to container states and events. */
export type RuntimeErrorCode =
  | 'NotFound'
  | 'ImagePullFailed' // → ErrImagePull
  | 'ImageNotPresent' // imagePullPolicy Never and missing → ErrImageNeverPull (raised by the kubelet)
  | 'CreateContainerFailed' // → CreateContainerError
  | 'StartContainerFailed' // → RunContainerError / ContainerCannotRun
  | 'SandboxFailed'
  | 'Unavailable';

export class RuntimeError extends Error {
  readonly isRuntimeError = true;
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
  static is(e: unknown, code?: RuntimeErrorCode): e is RuntimeError {
    return (
      typeof e === 'object' &&
      e !== null &&
      (e as any).isRuntimeError === true &&
      (!code || (e as any).code === code)
    );
  }
}

export interface RuntimeService {
  /** `sim`, `oci`, `process`. Shown in the node's containerRuntimeVersion (`sim://0.1.0`). */
  readonly name: string;
  readonly version: string;

  /** Creates and starts a sandbox; resolves with its ID once it is ready (network set up). */
  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  /** Stops every container in it and tears the network down. Idempotent; NotFound-safe. */
  stopPodSandbox(id: string): Promise<void>;
  /** Removes a stopped sandbox and its containers. Idempotent. */
  removePodSandbox(id: string): Promise<void>;
  /** Throws RuntimeError NotFound for unknown IDs. */
  podSandboxStatus(id: string): Promise<PodSandboxStatus>;
  listPodSandbox(filter?: SandboxFilter): Promise<PodSandboxStatus[]>;

  /** Creates (does not start) a container in a sandbox. */
  createContainer(
    sandboxId: string,
    config: ContainerConfig,
    sandboxConfig: PodSandboxConfig,
  ): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Sends SIGTERM, then SIGKILL after `timeoutSeconds` (0 = at once). Resolves when it has exited. */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]>;
  /** Throws RuntimeError NotFound for unknown IDs. */
  containerStatus(id: string): Promise<ContainerStatus>;
  /** Runs a command in a running container and waits (probes, hooks). Times out with exit code -1. */
  execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult>;
  /**
   * Optional streaming exec (`kubectl exec`): starts `cmd` in the running container and resolves
   * once it runs; no time limit. Throws RuntimeError NotFound / Unavailable as execSync. Runtimes
   * without it answer `kubectl exec` through execSync (output at the end, no stdin).
   */
  exec?(id: string, cmd: string[], opts: StreamOptions): Promise<ExecProcess>;
  /**
   * Optional streaming attach (`kubectl attach`, `kubectl run -i`): the running container's own
   * stdio from now on; stdin only when the container was created with `stdin`. Runtimes without it
   * answer attach by following the container's log (no stdin).
   */
  attach?(id: string, opts: StreamOptions): Promise<ExecProcess>;

  /**
   * The container's CRI-format log lines (`<RFC3339Nano> <stream> <P|F> <text>`), oldest first, for a
   * runtime that keeps them itself (sim, in memory); a runtime writing log files at `logPath` may
   * leave it out. Throws NotFound for an unknown container.
   */
  readLog?(id: string): string[] | Promise<string[]>;
  /** Optional push of changes (the kubelet also relists periodically). Returns an unsubscribe. */
  subscribe?(listener: (e: RuntimeEvent) => void): () => void;
  /** Optional scripted probes (sim). */
  scriptedProbe?: ScriptedProbe;
  /**
   * True when pod IPs are not real (sim): the kubelet must never open connections to them;
   * network probes and httpGet hooks then count as successful unless scripted.
   */
  readonly simulatedNetwork?: boolean;
}

export interface ImageStatus {
  /** Content ID (`sha256:…`). */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  /** The user the image runs as (its config's User), when the runtime knows it: for runAsNonRoot. */
  uid?: number;
  username?: string;
}

export interface PullProgress {
  /** Bytes of the image (compressed layers) and time the pull took. */
  size: number;
  durationMs: number;
}

export interface ImageService {
  /** Pulls (or resolves) an image; resolves with the image ref. Throws RuntimeError ImagePullFailed. */
  pullImage(
    image: string,
    auth?: { username?: string; password?: string },
  ): Promise<{ ref: string } & PullProgress>;
  /** Undefined when the image is not present locally. */
  imageStatus(image: string): Promise<ImageStatus | undefined>;
  listImages(): Promise<ImageStatus[]>;
  removeImage(image: string): Promise<void>;
}

/** A runtime bundles both services. */
export interface ContainerRuntime {
  runtime: RuntimeService;
  images: ImageService;
  /** Stops background work (not the containers). */
  close(): Promise<void>;
}
