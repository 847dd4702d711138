/**
 * Text no database can store: an unpaired UTF-16 surrogate (`\ud800`) or a NUL character, in a
 * body, a query string or a path parameter. Refused at the edge with a 400 in Chinese, before
 * validation, so that it never reaches SQL as "invalid input syntax for type json".
 */
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../models/errors';

// With the u flag a well-formed pair is one code point: only a lone surrogate matches.
const UNSTORABLE = /[\ud800-\udfff]|\u0000/u;

/** True when any string (or object key) inside `value` holds an unstorable character. Iterative: deep nesting cannot overflow the stack. */
export function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

export async function rejectUnstorableText(request: FastifyRequest): Promise<void> {
  if (hasUnstorableText(request.body) || hasUnstorableText(request.query) || hasUnstorableText(request.params)) {
    throw new ValidationError('提交内容含有无法处理的字符（不成对的代理字符或空字符），请检查后重新提交', [{ field: '请求', message: '含有无效字符' }]);
  }
}
