/** The JSON shapes of the center desk's API: one schema validates, serialises and documents. */
import { Type } from 'typebox';
import { errorResponseSchema } from '../../platform/http/server.js';
import { planDomains } from '../plans/model.js';
import { barc10Items } from '../assessments/barc10.js';
import { encounterTypes } from '../encounters/model.js';
import {
  ageRanges,
  contactChannels,
  engagements,
  ethnicities,
  genders,
  pathways,
  races,
} from '../members/model.js';

/** The failures every route of the desk's API may answer, and its bearer-token security. */
export const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};
export const security = [{ bearer: [] }];

export const CenterParams = Type.Object({
  slug: Type.String({ maxLength: 63, description: 'The center’s slug' }),
});

export const MemberParams = Type.Object({
  slug: Type.String({ maxLength: 63 }),
  id: Type.String({ maxLength: 64, description: 'The member’s id' }),
});

const Contact = Type.Object(
  {
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    doNotContact: Type.Optional(
      Type.Boolean({ description: 'The member asked not to be contacted' }),
    ),
    preferredChannel: Type.Optional(Type.Enum(contactChannels)),
  },
  { additionalProperties: false },
);

const Demographics = Type.Object(
  {
    ageRange: Type.Optional(Type.Enum(ageRanges)),
    gender: Type.Optional(Type.Enum(genders)),
    race: Type.Optional(Type.Array(Type.Enum(races), { maxItems: races.length })),
    ethnicity: Type.Optional(Type.Enum(ethnicities)),
    veteran: Type.Optional(Type.Boolean()),
    county: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false, description: 'Asked only for grant reports; every item optional' },
);

const Pathways = Type.Array(Type.Enum(pathways), { maxItems: pathways.length });

export const MemberInputSchema = Type.Object(
  {
    chosenName: Type.String({
      maxLength: 200,
      description: 'The name the member chose to be known by here (1-100 characters)',
    }),
    engagement: Type.Optional(
      Type.Enum(engagements, {
        description: 'A brief check-in only (default), or full engagement',
      }),
    ),
    contact: Type.Optional(Contact),
    demographics: Type.Optional(Demographics),
    pathways: Type.Optional(Pathways),
    recoveryStartDate: Type.Optional(
      Type.String({ maxLength: 10, description: 'YYYY-MM-DD, not in the future' }),
    ),
  },
  { additionalProperties: false },
);

export const MemberSchema = Type.Object({
  id: Type.String(),
  chosenName: Type.String(),
  engagement: Type.Enum(engagements),
  contact: Type.Optional(
    Type.Object({
      phone: Type.Optional(Type.String()),
      email: Type.Optional(Type.String()),
      doNotContact: Type.Boolean(),
      preferredChannel: Type.Optional(Type.Enum(contactChannels)),
    }),
  ),
  demographics: Type.Optional(Demographics),
  pathways: Pathways,
  recoveryStartDate: Type.Optional(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const MemberMatchSchema = Type.Object({
  id: Type.String(),
  chosenName: Type.String(),
  engagement: Type.Enum(engagements),
});

export const EncounterInputSchema = Type.Object(
  {
    type: Type.Enum(encounterTypes),
    occurredAt: Type.Optional(
      Type.String({ maxLength: 40, description: 'ISO 8601 with a zone; now when left out' }),
    ),
    durationMinutes: Type.Optional(Type.Integer({ description: 'Minutes, 0-1440' })),
    note: Type.Optional(
      Type.String({ maxLength: 10_000, description: 'Seen only by staff who may read the record' }),
    ),
  },
  { additionalProperties: false },
);

export const EncounterSchema = Type.Object({
  id: Type.String(),
  memberId: Type.String(),
  type: Type.Enum(encounterTypes),
  occurredAt: Type.String(),
  durationMinutes: Type.Integer(),
  note: Type.Optional(Type.String()),
  recordedBy: Type.Optional(Type.String()),
  createdAt: Type.String(),
});

export const AssessmentInputSchema = Type.Object(
  {
    instrument: Type.String({ maxLength: 40, description: 'The instrument: `barc-10`' }),
    answers: Type.Array(Type.Unknown(), {
      maxItems: 100,
      description: `BARC-10: ten whole numbers from 1 (strongly disagree) to 6 (strongly agree), in the order of the statements: ${barc10Items.map((s, i) => `${i + 1}. ${s}`).join(' ')}`,
    }),
    takenAt: Type.Optional(
      Type.String({ maxLength: 40, description: 'ISO 8601 with a zone; now when left out' }),
    ),
  },
  { additionalProperties: false },
);

export const AssessmentSchema = Type.Object({
  id: Type.String(),
  memberId: Type.String(),
  instrument: Type.Literal('barc-10'),
  takenAt: Type.String(),
  answers: Type.Array(Type.Integer()),
  total: Type.Integer({ description: 'BARC-10: 10-60, higher is more recovery capital' }),
  recordedBy: Type.Optional(Type.String()),
  createdAt: Type.String(),
});

export const PlanGoalSchema = Type.Object({
  id: Type.String(),
  memberId: Type.String(),
  domain: Type.Enum(planDomains),
  title: Type.String(),
  steps: Type.Array(Type.Object({ text: Type.String(), doneAt: Type.Optional(Type.String()) })),
  dueDate: Type.Optional(Type.String()),
  completedAt: Type.Optional(Type.String()),
  recordedBy: Type.Optional(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const GoalParams = Type.Object({
  slug: MemberParams.properties.slug,
  id: MemberParams.properties.id,
  goalId: Type.String({ maxLength: 64, description: 'The goal’s id' }),
});

export const GoalInputSchema = Type.Object(
  {
    domain: Type.Enum(planDomains),
    title: Type.String({ maxLength: 500, description: 'The goal, in the member’s words' }),
    dueDate: Type.Optional(
      Type.String({ maxLength: 10, description: 'YYYY-MM-DD, when the member sets one' }),
    ),
    steps: Type.Optional(
      Type.Array(Type.String({ maxLength: 500 }), {
        maxItems: 20,
        description: 'The small steps toward it, in order',
      }),
    ),
  },
  { additionalProperties: false },
);

export const GoalDoneSchema = Type.Object(
  {
    step: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 19,
        description: 'The step (from 0) to mark done; without it (`{}`), the goal itself',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TimelineSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: Type.Enum(['encounter', 'assessment'] as const),
      at: Type.String({ description: 'When it happened; the order of the timeline' }),
      id: Type.String(),
      memberId: Type.String(),
      type: Type.Optional(Type.Enum(encounterTypes)),
      occurredAt: Type.Optional(Type.String()),
      durationMinutes: Type.Optional(Type.Integer()),
      note: Type.Optional(Type.String()),
      instrument: Type.Optional(Type.Literal('barc-10')),
      takenAt: Type.Optional(Type.String()),
      answers: Type.Optional(Type.Array(Type.Integer())),
      total: Type.Optional(Type.Integer()),
      recordedBy: Type.Optional(Type.String()),
      createdAt: Type.String(),
    }),
  ),
});

const Count = Type.Union([Type.Integer(), Type.Literal('fewer than 11')], {
  description: 'A count; 1 to 10 is given as "fewer than 11"',
});
const Figure = Type.Union([Type.Number(), Type.Literal('fewer than 11')], {
  description: 'Not given when fewer than 11 members stand behind it',
});

export const SummarySchema = Type.Object({
  center: Type.String(),
  from: Type.String(),
  to: Type.String(),
  membersServed: Count,
  newMembers: Count,
  checkIns: Count,
  encounters: Count,
  encountersByType: Type.Record(Type.String(), Count),
  hoursOfPeerSupport: Figure,
  planGoalsCompleted: Count,
  barc10: Type.Object({
    membersAssessed: Count,
    membersReassessed: Count,
    meanChange: Figure,
  }),
});
