/**
 * JSON schema of a report submission (POST /api/v1/reports). Limits keep one report to what a
 * person writes: a flood of megabytes is refused at the edge. The same limits apply again after
 * normalisation (`checkNormalisedLengths`): NFKC expands some characters up to 18 times.
 */
import { CATEGORY_CODES } from '../models/categories';

/** Longest text per field (characters), by path without array indexes. */
export const TEXT_LIMITS = {
  'reporter.name': 50,
  'reporter.otherContact': 200,
  'subject.people.name': 50,
  'subject.people.nicknames': 50,
  'subject.people.position': 100,
  'subject.organisation': 200,
  'subject.location': 200,
  'facts.text': 20000,
  'facts.time': 100,
  'facts.place': 200,
  'umbrella.officials.name': 50,
  'umbrella.officials.unit': 200,
  'umbrella.officials.position': 100,
  'umbrella.text': 5000,
} as const;

const shortText = (path: keyof typeof TEXT_LIMITS) => ({ type: 'string', maxLength: TEXT_LIMITS[path] }) as const;
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
        name: shortText('reporter.name'),
        phone: { type: 'string', pattern: MOBILE_OR_LANDLINE },
        idNumber: { type: 'string', pattern: ID_NUMBER },
        otherContact: shortText('reporter.otherContact'),
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
              name: shortText('subject.people.name'),
              nicknames: { type: 'array', maxItems: 10, items: shortText('subject.people.nicknames') },
              position: shortText('subject.people.position'),
            },
          },
        },
        organisation: shortText('subject.organisation'),
        location: shortText('subject.location'),
      },
    },
    facts: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: {
        text: { type: 'string', minLength: 1, maxLength: TEXT_LIMITS['facts.text'] },
        time: shortText('facts.time'),
        place: shortText('facts.place'),
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
            properties: { name: shortText('umbrella.officials.name'), unit: shortText('umbrella.officials.unit'), position: shortText('umbrella.officials.position') },
          },
        },
        text: shortText('umbrella.text'),
      },
    },
  },
} as const;
