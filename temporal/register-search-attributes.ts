import { isGrpcServiceError, type Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
// @temporalio/proto is what @temporalio/client itself uses for these enums; it is installed as the client's dependency.
import { temporal } from '@temporalio/proto';
import type { Logger } from '../src/logger';
import { searchAttributes } from './search-attributes';

type IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const IVT = temporal.api.enums.v1.IndexedValueType;

// The SDK's typed keys use their own type names; the operator API wants the protobuf enum.
const INDEXED_VALUE_TYPES: Record<SearchAttributeType, IndexedValueType> = {
  TEXT: IVT.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: IVT.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IVT.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IVT.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IVT.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IVT.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IVT.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

const GRPC_ALREADY_EXISTS = 6;
const VISIBILITY_TIMEOUT_MS = 10_000;
const VISIBILITY_POLL_MS = 200;

/** Adds any of Bizing's search attributes missing from `namespace`; safe to call on every start and concurrently. */
export async function registerSearchAttributes(connection: Connection, namespace: string, logger: Logger): Promise<void> {
  const log = logger.child({ component: 'search-attributes', namespace });
  const wanted = new Map<string, IndexedValueType>(
    Object.values(searchAttributes).map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]]),
  );

  const existing = await listCustomAttributes(connection, namespace);
  const missing: Record<string, IndexedValueType> = {};
  for (const [name, type] of wanted) {
    const current = existing[name];
    if (current === undefined) {
      missing[name] = type;
    } else if (current !== type) {
      // Temporal cannot change an attribute's type in place; queries would silently misbehave, so stop here.
      throw new Error(
        `Search attribute ${name} exists in namespace ${namespace} as ${IVT[current]} but Bizing needs ${IVT[type]}; ` +
          'remove it (temporal operator search-attribute remove) and restart.',
      );
    }
  }
  const missingNames = Object.keys(missing);
  if (missingNames.length === 0) {
    log.debug('all search attributes already registered');
    return;
  }

  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  } catch (err) {
    // A concurrent starter (jest global setup vs. dev server) may have won the race; the poll below verifies.
    if (!isAlreadyExists(err)) throw err;
    log.debug({ err }, 'search attributes were added concurrently');
  }

  // Registration is applied asynchronously on some servers, so wait until listing reflects it before workflows use them.
  const deadline = Date.now() + VISIBILITY_TIMEOUT_MS;
  for (;;) {
    const now = await listCustomAttributes(connection, namespace);
    const stillMissing = missingNames.filter((name) => now[name] === undefined);
    if (stillMissing.length === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`Search attributes ${stillMissing.join(', ')} did not appear in namespace ${namespace} within 10 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, VISIBILITY_POLL_MS));
  }
  log.info({ added: missingNames }, 'registered search attributes');
}

/** Returns the namespace's custom search attributes keyed by name. */
async function listCustomAttributes(connection: Connection, namespace: string): Promise<Record<string, IndexedValueType>> {
  const res = await connection.operatorService.listSearchAttributes({ namespace });
  return res.customAttributes ?? {};
}

/** Recognises the "already exists" failure by gRPC code or, for servers that wrap it, by message. */
function isAlreadyExists(err: unknown): boolean {
  if (isGrpcServiceError(err) && err.code === GRPC_ALREADY_EXISTS) return true;
  return err instanceof Error && /already exists/i.test(err.message);
}
