import type { DataSource } from 'typeorm';

/**
 * What PostgreSQL says of some tables, one line per column (type, NOT NULL, default), constraint
 * (`pg_get_constraintdef`) and index (`pg_get_indexdef`), sorted: two schemas built differently
 * compare line by line.
 */
export async function describeTables(db: DataSource, tables: readonly string[], skipIndexes: readonly string[] = []): Promise<string[]> {
  const rows = (await db.query(
    `SELECT 'column ' || c.relname || '.' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod)
              || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
              || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
     UNION ALL
     SELECT 'constraint ' || c.relname || '.' || k.conname || ': ' || pg_get_constraintdef(k.oid)
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relname = ANY($1)
     UNION ALL
     SELECT 'index ' || c.relname || '.' || i.relname || ': ' || pg_get_indexdef(i.oid)
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relname = ANY($1) AND NOT (i.relname = ANY($2))
      ORDER BY 1`,
    [tables, skipIndexes],
  )) as { line: string }[];
  return rows.map((r) => r.line);
}
