/** The single translation of errors to HTTP: `{code, message}` with a Chinese message. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { coerceError, ValidationError, XiansuoError } from '../models/errors';
import type { Logger } from '../models/ports/runtime.port';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const FIELD_NAMES: Record<string, string> = {
  reporter: '举报人信息',
  'reporter.anonymous': '是否匿名',
  'reporter.name': '举报人姓名',
  'reporter.phone': '举报人电话',
  'reporter.idNumber': '举报人身份证号',
  subject: '被举报对象',
  'subject.people': '被举报人',
  facts: '违法犯罪事实',
  'facts.text': '事实描述',
  'facts.reporterCategory': '举报类别',
  umbrella: '保护伞信息',
};

function fieldOf(e: AjvError): string {
  const path = (e.instancePath ?? '').replace(/^\//, '').replace(/\/\d+/g, '').replace(/\//g, '.');
  const missing = e.keyword === 'required' ? String(e.params?.missingProperty ?? '') : '';
  return [path, missing].filter(Boolean).join('.') || '请求体';
}

/** Chinese wording of one JSON-schema violation. */
export function describeValidationError(e: AjvError): { field: string; message: string } {
  const field = fieldOf(e);
  const name = FIELD_NAMES[field] ?? field;
  const p = e.params ?? {};
  const message: Record<string, string> = {
    required: `缺少必填项：${name}`,
    type: `${name} 的类型不正确`,
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

export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let e: XiansuoError;
    if (error.validation) {
      const problems = (error.validation as AjvError[]).map(describeValidationError);
      e = new ValidationError(problems.map((p) => p.message).join('；'), problems);
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      e = new XiansuoError('UNSUPPORTED_MEDIA_TYPE', '请以 application/json 格式提交', false);
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      e = new XiansuoError('PAYLOAD_TOO_LARGE', '提交内容过大', false);
    } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError || error.statusCode === 400) {
      e = new XiansuoError('INVALID_JSON', '请求体不是有效的 JSON', false);
    } else {
      e = coerceError(error);
    }
    if (e.httpStatus >= 500) {
      // The cause is logged for operators; the client learns only that the fault is ours, in Chinese.
      logger.error('request failed', { method: request.method, url: request.routeOptions.url, code: e.code, error: error.message });
      void reply.status(e.httpStatus).send({ code: e.code, message: SERVER_FAULT[e.code] ?? SERVER_FAULT.INTERNAL });
      return;
    }
    void reply.status(e.httpStatus).send(e.toJSON());
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在' });
  });
}
