import { compareTableShapes, DatabaseColumn, normalizeDeclared, ShapeCheckInput, tableShape } from './table-shape';

function newColumn(overrides: Partial<DatabaseColumn> = {}): DatabaseColumn {
  return { table: 'booking', column: 'code', type: 'character(8)', nullable: false, ...overrides };
}

function newInput(overrides: Partial<ShapeCheckInput> = {}): ShapeCheckInput {
  return {
    columns: [newColumn()],
    shapes: [tableShape('/repo/booking.tables.ts', 'booking', { code: 'char(8)' })],
    entityTables: [],
    ignoredTables: ['schema_migration'],
    shapesListedIn: 'RAW_TABLES',
    entitiesListedIn: 'ENTITIES',
    ...overrides,
  };
}

describe(normalizeDeclared.name, () => {
  it.each([
    ['varchar(12)', 'character varying(12)'],
    ['char(1)', 'character(1)'],
    ['char', 'character(1)'],
    ['timestamptz | null', 'timestamp with time zone | null'],
    ['time', 'time without time zone'],
    ['text[]', 'text[]'],
    ['int8', 'bigint'],
    ['numeric(10, 2)', 'numeric(10,2)'],
  ])('should spell %s as PostgreSQL does (%s)', (declared, expected) => {
    expect(normalizeDeclared(declared)).toBe(expected);
  });
});

describe(compareTableShapes.name, () => {
  it('should find nothing when the shape says what the database has', () => {
    expect(compareTableShapes(newInput())).toEqual([]);
  });

  it('should name the file and the line to add for a column only the database has', () => {
    const sut = compareTableShapes;

    const problems = sut(newInput({ columns: [newColumn(), newColumn({ column: 'manage_token_hash', type: 'bytea', nullable: true })] }));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('booking.manage_token_hash');
    expect(problems[0]).toContain("manage_token_hash: 'bytea | null'");
    expect(problems[0]).toContain('booking.tables.ts');
  });

  it('should report a column the shape declares but no migration creates', () => {
    const problems = compareTableShapes(newInput({ shapes: [tableShape('/repo/booking.tables.ts', 'booking', { code: 'char(8)', gone: 'text' })] }));

    expect(problems).toEqual([expect.stringContaining('booking.gone is declared')]);
  });

  it('should report a column whose type or nullability differs', () => {
    const problems = compareTableShapes(newInput({ shapes: [tableShape('/repo/booking.tables.ts', 'booking', { code: 'char(8) | null' })] }));

    expect(problems).toEqual([expect.stringContaining("'char(8)' in the database but 'char(8) | null'")]);
  });

  it('should report a table that nobody describes, and one described twice', () => {
    const problems = compareTableShapes(
      newInput({ columns: [newColumn(), newColumn({ table: 'new_table', column: 'id', type: 'uuid' })], entityTables: ['booking'] }),
    );

    expect(problems).toEqual([expect.stringContaining('Table booking is described 2 times'), expect.stringContaining('Table new_table exists after all migrations')]);
  });

  it('should leave ignored tables alone', () => {
    const problems = compareTableShapes(newInput({ columns: [newColumn(), newColumn({ table: 'schema_migration', column: 'id', type: 'integer' })] }));

    expect(problems).toEqual([]);
  });
});
