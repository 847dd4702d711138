/**
 * JSON schema of a report submission (POST /api/v1/reports). Limits keep one report to what a
 * person writes: a flood of megabytes is refused at the edge.
 */
import { CATEGORY_CODES } from '../models/categories';

const shortText = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const MOBILE_OR_LANDLINE = '^(\\+?86[- ]?)?(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$';
const ID_NUMBER = '^\\d{17}[\\dXx]$';

export const reportSubmissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reporter', 'subject', 'facts'],
  properties: {
    reporter: {
      type: 'object',
      additionalProperties: false,
      required: ['anonymous'],
      properties: {
        anonymous: { type: 'boolean' },
        name: shortText(50),
        phone: { type: 'string', pattern: MOBILE_OR_LANDLINE },
        idNumber: { type: 'string', pattern: ID_NUMBER },
        otherContact: shortText(200),
      },
    },
    subject: {
      type: 'object',
      additionalProperties: false,
      required: ['people'],
      properties: {
        people: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              name: shortText(50),
              nicknames: { type: 'array', maxItems: 10, items: shortText(50) },
              position: shortText(100),
            },
          },
        },
        organisation: shortText(200),
        location: shortText(200),
      },
    },
    facts: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: {
        text: { type: 'string', minLength: 1, maxLength: 20000 },
        time: shortText(100),
        place: shortText(200),
        reporterCategory: { type: 'string', enum: [...CATEGORY_CODES] },
      },
    },
    umbrella: {
      type: 'object',
      additionalProperties: false,
      required: ['officials'],
      properties: {
        officials: {
          type: 'array',
          maxItems: 20,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { name: shortText(50), unit: shortText(200), position: shortText(100) },
          },
        },
        text: shortText(5000),
      },
    },
  },
} as const;
