/**
 * Classroom links (issue 6): which controls of a figure a lecturer's link hides or locks
 * (`ID.hide=…`, `ID.lock=…`; the URL table is CLASSROOM_FIELDS in settings.ts), and the link
 * the "Classroom link" helper builds.
 */
import { useContext, useMemo } from 'react';
import { FigureHostContext } from './host';
import { classroomFromQuery, writeClassroomToQuery, type Classroom, type ClassroomName } from './settings';

/** Tooltip and accessible description of a locked control. */
export const LOCKED_DESCRIPTION = 'locked by the lecturer’s link';

/** Props of a control that a classroom link locks: disabled, with the reason as tooltip and description. */
export function lockedProps(locked: boolean) {
  return locked ? { disabled: true, title: `Locked: ${LOCKED_DESCRIPTION}`, 'aria-description': LOCKED_DESCRIPTION } : {};
}

/** The wrapper's marks of a locked control (a tooltip over its label, `data-locked`). */
export function lockedWrapper(locked: boolean) {
  return locked ? { 'data-locked': '', title: `Locked: ${LOCKED_DESCRIPTION}` } : {};
}

export interface ClassroomState extends Classroom {
  /** Whether the state comes from the address (false inside a demo or a host page's element). */
  fromAddress: boolean;
  isHidden(name: ClassroomName): boolean;
  isLocked(name: ClassroomName): boolean;
}

/** The classroom state of figure `id`; a malformed list means none. */
export function classroomState(id: string, query: URLSearchParams, fromAddress: boolean): ClassroomState {
  const { classroom } = classroomFromQuery(id, query);
  const controlsHidden = classroom.hide.includes('controls');
  const controlsLocked = classroom.lock.includes('controls');
  const playbackHidden = classroom.hide.includes('playback');
  const playbackLocked = classroom.lock.includes('playback');
  const isHidden = (name: ClassroomName) =>
    classroom.hide.includes(name) || (name === 'speed' ? playbackHidden : name !== 'playback' && name !== 'controls' && controlsHidden);
  return {
    ...classroom,
    fromAddress,
    isHidden,
    isLocked: (name) =>
      !isHidden(name) &&
      (classroom.lock.includes(name) || (name === 'speed' ? playbackLocked : name !== 'playback' && name !== 'controls' && controlsLocked)),
  };
}

/**
 * The classroom state of a figure's controls, read once from its host's query (a demo, a host
 * page's element: FigureHostContext) or else the page's address.
 */
export function useClassroom(id: string): ClassroomState {
  const provided = useContext(FigureHostContext)?.query ?? null;
  // Read once: the address's hide/lock parameters do not change while the page is open.
  return useMemo(
    () => classroomState(id, provided ?? new URLSearchParams(location.search), provided === null),
    [id, provided],
  );
}

/** The current page's address with figure `id` hiding and locking `classroom`, scrolled to it. */
export function classroomLink(href: string, id: string, classroom: Classroom): string {
  const url = new URL(href);
  const query = new URLSearchParams(url.search);
  writeClassroomToQuery(id, query, classroom);
  url.search = query.toString();
  if (query.has('ch')) url.hash = `fig-${id}`;
  return url.toString();
}
