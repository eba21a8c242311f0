import { relative } from 'node:path';

/**
 * The columns that the code writing a table by hand (raw SQL, no TypeORM entity) expects: the
 * tickets, bookings, tallies and the outbox. Declared once, beside the code that queries the
 * table, and checked against the migrated database by apps/api/test/schema.e2e-spec.ts, so a
 * migration that adds, renames or retypes a column fails there until its shape says the same.
 *
 * A column is its SQL type as a migration writes it (`varchar(12)`, `timestamptz`, `text[]`),
 * followed by ` | null` when the column may be NULL.
 */
export interface TableShape {
  readonly table: string;
  /** The file that declares it (shown in the check's messages). */
  readonly declaredIn: string;
  readonly columns: Readonly<Record<string, string>>;
}

export function tableShape(declaredIn: string, table: string, columns: Record<string, string>): TableShape {
  return { table, declaredIn, columns };
}

/** One column as PostgreSQL describes it (`format_type`, `attnotnull`). */
export interface DatabaseColumn {
  table: string;
  column: string;
  /** `format_type(atttypid, atttypmod)`, for example `character varying(12)`. */
  type: string;
  nullable: boolean;
}

/** PostgreSQL's columns of the public schema's tables, in table and column order. */
export const DATABASE_COLUMNS_SQL = `
  SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type", NOT a.attnotnull AS "nullable"
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY c.relname, a.attnum`;

export interface ShapeCheckInput {
  columns: DatabaseColumn[];
  shapes: readonly TableShape[];
  /** Tables described by TypeORM entities (their check is TypeORM's schema diff). */
  entityTables: readonly string[];
  /** Tables nobody describes on purpose (TypeORM's migration log). */
  ignoredTables: readonly string[];
  /** Where the list of shapes and the list of entities live, named in the messages. */
  shapesListedIn: string;
  entitiesListedIn: string;
}

/**
 * Every difference between the declared shapes and the database, each as one sentence that says
 * which file to change and how. Empty when they agree.
 */
export function compareTableShapes(input: ShapeCheckInput): string[] {
  const problems: string[] = [];
  const byTable = new Map<string, DatabaseColumn[]>();
  for (const c of input.columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);

  const owners = new Map<string, string[]>();
  for (const t of input.entityTables) owners.set(t, [...(owners.get(t) ?? []), `an entity (${input.entitiesListedIn})`]);
  for (const s of input.shapes) owners.set(s.table, [...(owners.get(s.table) ?? []), `a table shape in ${where(s)}`]);
  for (const [table, by] of owners) {
    if (by.length > 1) problems.push(`Table ${table} is described ${by.length} times (${by.join('; ')}): one owner per table, remove all but one.`);
  }

  for (const table of byTable.keys()) {
    if (owners.has(table) || input.ignoredTables.includes(table)) continue;
    problems.push(
      `Table ${table} exists after all migrations, but neither an entity (${input.entitiesListedIn}) nor a table shape ` +
        `(${input.shapesListedIn}) describes it: declare its shape with tableShape() beside the code that queries it and list it there.`,
    );
  }

  for (const shape of input.shapes) {
    const actual = byTable.get(shape.table);
    if (!actual) {
      problems.push(`Table ${shape.table} is declared in ${where(shape)} but no migration creates it: add the migration, or remove the shape.`);
      continue;
    }
    for (const column of actual) {
      const declared = shape.columns[column.column];
      const found = describe(column);
      if (declared === undefined) {
        problems.push(`Column ${shape.table}.${column.column} is in the database but not in the shape of ${shape.table} in ${where(shape)}: add  ${column.column}: '${found}',`);
      } else if (normalizeDeclared(declared) !== `${column.type}${column.nullable ? ' | null' : ''}`) {
        problems.push(
          `Column ${shape.table}.${column.column} is '${found}' in the database but '${declared}' in ${where(shape)}: ` +
            `make the shape say '${found}', or add a migration if the database is what must change.`,
        );
      }
    }
    for (const name of Object.keys(shape.columns)) {
      if (!actual.some((c) => c.column === name)) {
        problems.push(
          `Column ${shape.table}.${name} is declared in ${where(shape)} but no migration creates it: add a new migration ` +
            `(ALTER TABLE ${shape.table} ADD COLUMN ${name} ...), or remove it from the shape.`,
        );
      }
    }
  }
  return problems;
}

function where(shape: TableShape): string {
  return relative(process.cwd(), shape.declaredIn) || shape.declaredIn;
}

/** PostgreSQL's spelling of a type (`format_type`) for the short one migrations use. */
const LONG_NAMES: Record<string, string> = {
  varchar: 'character varying',
  char: 'character',
  bpchar: 'character',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  int: 'integer',
  int4: 'integer',
  serial: 'integer',
  int8: 'bigint',
  bigserial: 'bigint',
  int2: 'smallint',
  bool: 'boolean',
  float8: 'double precision',
  float4: 'real',
  decimal: 'numeric',
};

/** `varchar(12) | null` → `character varying(12) | null`, as PostgreSQL would describe it. */
export function normalizeDeclared(declared: string): string {
  const text = declared.trim().toLowerCase().replace(/\s+/g, ' ');
  const nullable = /\s*\|\s*null$/.test(text);
  const type = text.replace(/\s*\|\s*null$/, '');
  const m = /^([a-z0-9_ ]+?)\s*(\(\s*[\d\s,]+\))?((?:\[\])*)$/.exec(type);
  if (!m) return text;
  const base = LONG_NAMES[m[1]] ?? m[1];
  const args = (m[2] ?? '').replace(/\s+/g, '');
  const long = base === 'character' && !args ? 'character(1)' : `${base}${args}`;
  return `${long}${m[3]}${nullable ? ' | null' : ''}`;
}

/** `character varying(12)`, nullable → `varchar(12) | null`: what a shape would declare. */
function describe(column: DatabaseColumn): string {
  const short = column.type
    .replace(/^character varying/, 'varchar')
    .replace(/^character\b/, 'char')
    .replace(/^timestamp with time zone/, 'timestamptz')
    .replace(/^timestamp without time zone/, 'timestamp')
    .replace(/^time with time zone/, 'timetz')
    .replace(/^time without time zone/, 'time');
  return `${short}${column.nullable ? ' | null' : ''}`;
}
