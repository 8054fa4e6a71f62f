/**
 * @module kubelet/volumes/host-path
 * The hostPath volume's type check, as upstream's hostpath plugin `checkType`:
 * - `""`: no check;
 * - `DirectoryOrCreate` makes a missing directory (0755, parents too), `FileOrCreate` a missing
 *   empty file (0644; its parent must exist), then each checks as `Directory` / `File`;
 * - `Directory`, `File`, `Socket`, `CharDevice`, `BlockDevice`: the path must exist and be of
 *   that type, else `hostPath type check failed: /x is not a directory` (upstream's words,
 *   which do not tell a missing path from one of another type).
 * The volume is the path itself: nothing is made under the pod's directory.
 */
import type { Stats } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';

type FileType = 'Directory' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

const DESCRIPTION: Record<FileType, string> = {
  Directory: 'directory',
  File: 'file',
  Socket: 'socket file',
  CharDevice: 'character device',
  BlockDevice: 'block device',
};

function isType(st: Stats, want: FileType): boolean {
  switch (want) {
    case 'Directory':
      return st.isDirectory();
    case 'File':
      return st.isFile();
    case 'Socket':
      return st.isSocket();
    case 'CharDevice':
      return st.isCharacterDevice();
    case 'BlockDevice':
      return st.isBlockDevice();
  }
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EEXIST: 'file exists',
  EROFS: 'read-only file system',
};

/** A Node fs error worded as Go's *PathError (`open /x/y: no such file or directory`). */
function goPathError(op: string, path: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  return new Error(`${op} ${path}: ${ERRNO_TEXT[e.code ?? ''] ?? e.message}`);
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

async function typeMatchedOrError(path: string, want: FileType): Promise<void> {
  const st = await statOrUndefined(path);
  if (!st || !isType(st, want))
    throw new Error(`hostPath type check failed: ${path} is not a ${DESCRIPTION[want]}`);
}

/** Checks (and for the *OrCreate types makes) the host path; rejects with upstream's message. */
export async function checkHostPathType(path: string, type: string | undefined): Promise<void> {
  switch (type ?? '') {
    case '':
      return;
    case 'DirectoryOrCreate':
      if (!(await statOrUndefined(path)))
        await mkdir(path, { recursive: true, mode: 0o755 }).catch((err) => {
          throw goPathError('mkdir', path, err);
        });
      return typeMatchedOrError(path, 'Directory');
    case 'Directory':
      return typeMatchedOrError(path, 'Directory');
    case 'FileOrCreate':
      if (!(await statOrUndefined(path))) {
        const f = await open(path, 'a', 0o644).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw goPathError('open', path, err);
        });
        await f?.close();
      }
      return typeMatchedOrError(path, 'File');
    case 'File':
      return typeMatchedOrError(path, 'File');
    case 'Socket':
      return typeMatchedOrError(path, 'Socket');
    case 'CharDevice':
      return typeMatchedOrError(path, 'CharDevice');
    case 'BlockDevice':
      return typeMatchedOrError(path, 'BlockDevice');
    default:
      throw new Error(`${type} is an invalid volume type`);
  }
}
