/** The single translation of errors to HTTP: `{code, message}` with a Chinese message. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { coerceError, ForbiddenError, ValidationError, XiansuoError } from '../models/errors';
import type { Logger } from '../models/ports/runtime.port';
import { REPORT_FIELD_LABELS } from '../models/report';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** JSON types in the words a citizen reads, with the shape where a bare word would not help. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '字符串（文字，用双引号括起）',
  boolean: '布尔值（true 或 false）',
  object: '对象（用 { } 括起的若干字段）',
  array: '数组（用 [ ] 括起的若干项）',
  number: '数字',
  integer: '整数',
  null: 'null',
};

function expectedType(p: Record<string, unknown>): string {
  const types = Array.isArray(p.type) ? p.type.map(String) : String(p.type ?? '').split(',');
  return types.map((t) => TYPE_NAMES[t] ?? t).join('或');
}

function fieldOf(e: AjvError): string {
  const path = (e.instancePath ?? '').replace(/^\//, '').replace(/\/\d+/g, '').replace(/\//g, '.');
  const missing = e.keyword === 'required' ? String(e.params?.missingProperty ?? '') : '';
  return [path, missing].filter(Boolean).join('.') || '请求体';
}

/** Chinese wording of one JSON-schema violation. */
export function describeValidationError(e: AjvError): { field: string; message: string } {
  const field = fieldOf(e);
  const name = REPORT_FIELD_LABELS[field] ?? field;
  const p = e.params ?? {};
  const message: Record<string, string> = {
    required: `缺少必填项：${name}`,
    type: `${name} 应为${expectedType(p)}`,
    maxLength: `${name} 过长（最多 ${String(p.limit)} 个字符）`,
    minLength: `${name} 不能为空`,
    pattern: `${name} 的格式不正确`,
    enum: `${name} 的取值无效`,
    additionalProperties: `不支持的字段：${[field === '请求体' ? '' : field, String(p.additionalProperty ?? '')].filter(Boolean).join('.')}`,
    maxItems: `${name} 数量过多（最多 ${String(p.limit)} 项）`,
  };
  return { field, message: message[e.keyword ?? ''] ?? `${name} 不符合要求` };
}

/** What a client reads for a fault on our side: never the internal message (it may quote the database). */
const SERVER_FAULT: Partial<Record<XiansuoError['code'], string>> & { INTERNAL: string } = {
  INTERNAL: '服务器内部错误，请稍后再试',
  DEPENDENCY_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  ARTIFACT_MISSING: '服务尚未就绪，请联系管理员',
};

/** Fastify's own 4xx errors (parsers, limits, plugins), by status: a code and a Chinese message. */
const CLIENT_FAULT: Readonly<Record<number, [XiansuoError['code'], string]>> = {
  400: ['VALIDATION_FAILED', '请求格式不正确'],
  404: ['NOT_FOUND', '请求的地址不存在'],
  408: ['REQUEST_TIMEOUT', '请求超时，请重新提交'],
  413: ['PAYLOAD_TOO_LARGE', '提交内容过大'],
  414: ['URI_TOO_LONG', '请求地址或参数过长'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '请以 application/json 格式提交'],
  429: ['RATE_LIMITED', '请求过于频繁，请稍后再试'],
  431: ['HEADERS_TOO_LARGE', '请求头过大'],
};

/** One translation of anything thrown while handling a request. */
export function toXiansuoError(error: FastifyError): XiansuoError {
  if (error instanceof XiansuoError) return error;
  if (error.validation) {
    const problems = (error.validation as AjvError[]).map(describeValidationError);
    return new ValidationError(problems.map((p) => p.message).join('；'), problems);
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new XiansuoError('INVALID_JSON', '请求体不是有效的 JSON', false);
  }
  const status = error.statusCode ?? 500;
  const known = CLIENT_FAULT[status];
  if (known) return new XiansuoError(known[0], known[1], false);
  if (status >= 400 && status < 500) return new XiansuoError('VALIDATION_FAILED', '请求无法处理', false);
  return coerceError(error);
}

/** Security headers for answers written outside the request lifecycle (framework and socket errors). */
const BARE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** Bad URL encoding and too long a path parameter, found by the router before any route runs. */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const e = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new XiansuoError('URI_TOO_LONG', '请求地址或参数过长', false) : new XiansuoError('VALIDATION_FAILED', '请求地址格式不正确', false);
  void reply.status(e.httpStatus).headers(BARE_HEADERS).send(e.toJSON());
}

/** Errors Node raises before fastify sees a request (408 slow client, 431 header overflow, a broken request line). */
export function socketError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const [code, message] = CLIENT_FAULT[status]!;
  const body = JSON.stringify({ code, message });
  const head = Object.entries({ ...BARE_HEADERS, 'content-length': Buffer.byteLength(body), connection: 'close' }).map(([k, v]) => `${k}: ${v}`);
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('\r\n')}\r\n\r\n${body}`);
  socket.destroy();
}

export function installErrorHandler(app: FastifyInstance, logger: Logger, onForbidden?: (request: FastifyRequest, error: ForbiddenError) => Promise<void>): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let e = toXiansuoError(error);
    if (e instanceof ForbiddenError) {
      await onForbidden?.(request, e);
      // Another province's resource reads exactly like an unknown one.
      if (e.denial.concealedAs) e = e.denial.concealedAs;
    }
    if (e.httpStatus >= 500) {
      // The cause is logged for operators; the client learns only that the fault is ours, in Chinese.
      logger.error('request failed', { method: request.method, url: request.routeOptions.url, code: e.code, error: error.message });
      return reply.status(e.httpStatus).send({ code: e.code, message: SERVER_FAULT[e.code] ?? SERVER_FAULT.INTERNAL });
    }
    return reply.status(e.httpStatus).send(e.toJSON());
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在' });
  });
}
