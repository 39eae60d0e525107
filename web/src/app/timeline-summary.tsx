import type { ReactNode } from 'react';
import type { TimelineEntryView } from '../../../functions/activities/contract';
import type { ActivityType } from '../../../functions/shared/enums';
import { ACTIVITY_TYPE_LABELS } from '../shared/labels';

type Entry = TimelineEntryView;

const ACTIVITY_VERBS: Record<string, string> = { created: 'logged', updated: 'edited', deleted: 'deleted' };

/** "Call with Jo Smith: “Pricing” — edited by Sam": readable even once the activity is gone. */
function activityLine(e: Entry): ReactNode {
  const type = e.detail?.activityType as ActivityType | undefined;
  const label = (type && ACTIVITY_TYPE_LABELS[type]) ?? 'Activity';
  const contact = e.detail?.contactName;
  const verb = ACTIVITY_VERBS[e.action] ?? e.action;
  const author = e.detail?.authorName;
  return (
    <>
      <strong className="timeline-activity-type">{label}</strong>
      {contact ? ` ${type === 'note' ? 'about' : 'with'} ${contact}` : ''}:{' '}
      <span className="timeline-quote">“{e.subjectName}”</span> — {verb} by <strong>{e.actorName}</strong>
      {e.action !== 'created' && author && author !== e.actorName ? ` (logged by ${author})` : ''}
    </>
  );
}

/** "Sam updated the company", "Sam added the contact Jo Smith". */
function recordLine(what: string, e: Entry, verbs: Record<string, string>, named: boolean): ReactNode {
  return (
    <>
      <strong>{e.actorName}</strong> {verbs[e.action] ?? e.action} the {what}
      {named ? (
        <>
          {' '}
          <strong>{e.subjectName}</strong>
        </>
      ) : null}
    </>
  );
}

/** "Sam moved the deal Fleet laptops Proposal → Negotiation", "Sam added the deal …". */
function dealLine(e: Entry): ReactNode {
  const stage = e.changes.find((c) => c.field === 'stage');
  if (e.action !== 'created' && e.action !== 'deleted' && stage?.from !== undefined)
    return (
      <>
        <strong>{e.actorName}</strong> moved the deal <strong>{e.subjectName}</strong> {String(stage.from)} →{' '}
        {String(stage.to)}
      </>
    );
  return recordLine('deal', e, { created: 'added', updated: 'updated', moved: 'moved', deleted: 'deleted' }, true);
}

/**
 * One sentence per kind of subject. Deals, tasks and any later kind add a line here; until they
 * do, the generic line names the actor, the action and the subject.
 */
const LINES: Record<string, (e: Entry) => ReactNode> = {
  company: (e) =>
    recordLine('company', e, { created: 'created', updated: 'updated', deleted: 'deleted' }, e.action !== 'updated'),
  contact: (e) =>
    e.action === 'erased' ? (
      // An erasure names nobody: the person asked to be forgotten.
      <>
        <strong>{e.actorName}</strong> erased a contact
      </>
    ) : (
      recordLine('contact', e, { created: 'added', updated: 'updated', deleted: 'deleted' }, true)
    ),
  activity: activityLine,
  deal: dealLine,
};

/** A merge or its undo, on either side: "Sam merged the company Acme Ltd into this one". */
function mergeLine(e: Entry): ReactNode {
  const what = e.subjectType;
  const subject = <strong>{e.subjectName}</strong>;
  const text: Record<string, ReactNode> = {
    merged: (
      <>
        merged the {what} {subject} into {what === 'company' ? 'this one' : 'a contact here'}
      </>
    ),
    merged_into: (
      <>
        merged this {what} into {subject}
      </>
    ),
    unmerged: (
      <>
        undid the merge of the {what} {subject}
      </>
    ),
    restored: (
      <>
        restored this {what} by undoing its merge into {subject}
      </>
    ),
  };
  return (
    <>
      <strong>{e.actorName}</strong> {text[e.action]}
    </>
  );
}

const MERGE_ACTIONS = new Set(['merged', 'merged_into', 'unmerged', 'restored']);

/** The sentence a timeline entry reads as. */
export function timelineLine(e: Entry): ReactNode {
  if (MERGE_ACTIONS.has(e.action)) return mergeLine(e);
  const line = LINES[e.subjectType];
  return line ? line(e) : recordLine(e.subjectType, e, {}, true);
}
