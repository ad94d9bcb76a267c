import { AppError } from '../../../shared/errors';

/**
 * How big one piece of an import file may be. Real contact and order exports have cells of a few hundred
 * characters and rows of a few kilobytes; a file that is one 200 MB line (a wrong export, or a hostile file) would
 * otherwise be held whole in memory several times over while the reader waits for its end. Reading stops at the
 * first piece over a limit, with an error naming where it is, so memory stays bounded whatever the file.
 */
export interface ReadLimits {
  /** characters in one cell (CSV field, vCard value) */
  maxFieldChars: number;
  /** characters in one row (CSV record, the header included) or one vCard line or card */
  maxRecordChars: number;
  /** columns in the header */
  maxColumns: number;
}

export const READ_LIMITS: ReadLimits = { maxFieldChars: 64 * 1024, maxRecordChars: 1024 * 1024, maxColumns: 1000 };

const size = (chars: number) => (chars >= 1024 * 1024 ? `${chars / (1024 * 1024)} MB` : `${chars / 1024} KB`);

/** Where a piece is: "row 12" (data rows count from 1 after the header), "the header row", "card 3". */
export type Place = { row: number } | { header: true } | { card: number };

const placeText = (at: Place) =>
  'header' in at ? 'the header row' : 'card' in at ? `card ${at.card}` : `row ${at.row}`;

export function rowTooLong(fileName: string, at: Place, limits: ReadLimits = READ_LIMITS): AppError {
  return new AppError(
    'invalid_input',
    `"${fileName}": ${placeText(at)} is longer than ${size(limits.maxRecordChars)}, the most one ${'card' in at ? 'card or line' : 'row'} may hold. ` +
      'Check that the file is a contacts export with one contact per line (a missing line break or an unclosed quote makes one huge row); nothing was imported.',
  );
}

export function fieldTooLong(fileName: string, at: Place, column: number, limits: ReadLimits = READ_LIMITS): AppError {
  return new AppError(
    'invalid_input',
    `"${fileName}": ${placeText(at)}, column ${column + 1} holds more than ${size(limits.maxFieldChars)}, the most one cell may hold. ` +
      'Remove or shorten that cell and import again; nothing was imported.',
  );
}

export function tooManyColumns(fileName: string, columns: number, limits: ReadLimits = READ_LIMITS): AppError {
  return new AppError(
    'invalid_input',
    `"${fileName}" has ${columns.toLocaleString('en-US')} columns; at most ${limits.maxColumns.toLocaleString('en-US')} can be imported. ` +
      'Check the separator (comma, semicolon or tab) or remove columns you do not need.',
  );
}

/** Throws when a cell of a parsed row is over the limit. */
export function checkFieldSizes(
  fields: readonly string[],
  fileName: string,
  at: Place,
  limits: ReadLimits = READ_LIMITS,
): void {
  for (let i = 0; i < fields.length; i++)
    if (fields[i].length > limits.maxFieldChars) throw fieldTooLong(fileName, at, i, limits);
}
