// Checks the data directory before anything opens a database in it, so a bad --data-dir fails at start-up
// with a message naming the path and the problem, instead of an SQLite error code later.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A storage problem a user can act on; `path` is the file or directory concerned. `code` is SQLite's
 *  (`SQLITE_FULL`, `SQLITE_BUSY`...), `WORKER_EXIT` when the store worker died, or null. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    readonly path: string,
    cause?: unknown,
    readonly code: string | null = null,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** Creates the directory if needed and proves it is a writable directory. Returns its absolute path. */
export function prepareDataDir(dataDir: string): string {
  if (typeof dataDir !== 'string' || dataDir.trim() === '') {
    throw new StoreError('the data directory is empty: pass a path with --data-dir', String(dataDir));
  }
  const dir = path.resolve(dataDir);
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new StoreError(`cannot create the data directory ${dir}: ${explain(err)}`, dir, err);
    }
  }
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err) {
    throw new StoreError(`cannot read the data directory ${dir}: ${explain(err)}`, dir, err);
  }
  if (!isDir) throw new StoreError(`the data directory ${dir} is a file, not a directory`, dir);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new StoreError(`the data directory ${dir} is not writable: ${explain(err)}`, dir, err);
  }
  return dir;
}

function explain(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOTDIR':
      return 'part of the path is a file, not a directory';
    case 'EEXIST':
      return 'a file with that name is in the way';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
