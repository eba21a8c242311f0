import { DataSource } from 'typeorm';
import { RAW_TABLES } from '../src/database/raw-tables';
import { compareTableShapes, DATABASE_COLUMNS_SQL, DatabaseColumn } from '../src/database/table-shape';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { describeTables } from './support/schema-catalog';
import { createTestDatabase, TestDatabase } from './support/test-app';

/**
 * The schema after all migrations is the schema the code expects: the entities' tables exactly
 * (TypeORM's schema diff, what `npm run migration:generate` would write, is empty), and the tables
 * written by raw SQL as their declared shapes say (docs/database.md).
 */
describe('Schema after all migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(typeOrmOptions(db.url, 2));
    await dataSource.initialize();
    await dataSource.runMigrations();
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  describe(typeOrmOptions.name, () => {
    it('should leave TypeORM no schema change to make (the entities equal the migrations)', async () => {
      const sut = dataSource.driver.createSchemaBuilder();

      const { upQueries } = await sut.log();

      const statements = upQueries.map((q) => `${q.query};`);
      // On failure the message lists what migration:generate would write. Declare in the entity
      // what the migrations made (docs/database.md, "Entities and migrations"), or write a new
      // migration where the database itself must change.
      expect(statements.length === 0 ? '' : `The entities differ from the migrated schema; TypeORM would run:\n${statements.join('\n')}`).toBe('');
    });

    it('should build from the entities alone the same columns, constraints and indexes as the migrations', async () => {
      // TypeORM's diff compares constraints and indexes by name only: this also compares check
      // expressions, index predicates, defaults and key names, as PostgreSQL itself spells them.
      const tables = dataSource.entityMetadatas.map((m) => m.tableName);
      const notSynchronized = dataSource.entityMetadatas.flatMap((m) => m.indices.filter((i) => !i.synchronize).map((i) => i.name));
      const fromEntities = await createTestDatabase();
      const sut = new DataSource(typeOrmOptions(fromEntities.url, 1));
      try {
        await sut.initialize();
        await sut.synchronize();

        const built = await describeTables(sut, tables, notSynchronized);
        const migrated = await describeTables(dataSource, tables, notSynchronized);

        const onlyMigrated = migrated.filter((line) => !built.includes(line)).map((line) => `  migrations only: ${line}`);
        const onlyBuilt = built.filter((line) => !migrated.includes(line)).map((line) => `  entities only:   ${line}`);
        const differences = [...onlyMigrated, ...onlyBuilt];
        expect(differences.length === 0 ? '' : `The entities describe another schema than the migrations make:\n${differences.join('\n')}`).toBe('');
      } finally {
        if (sut.isInitialized) await sut.destroy();
        await fromEntities.drop();
      }
    });
  });

  describe(compareTableShapes.name, () => {
    it('should find every raw-SQL table as its declared shape says, and an owner for every table', async () => {
      const columns = (await dataSource.query(DATABASE_COLUMNS_SQL)) as DatabaseColumn[];

      const problems = compareTableShapes({
        columns,
        shapes: RAW_TABLES,
        entityTables: dataSource.entityMetadatas.map((m) => m.tableName),
        ignoredTables: ['schema_migration', 'typeorm_metadata'],
        shapesListedIn: 'RAW_TABLES in apps/api/src/database/raw-tables.ts',
        entitiesListedIn: 'ENTITIES in apps/api/src/database/typeorm-options.ts',
      });

      expect(problems.join('\n')).toBe('');
    });
  });
});
