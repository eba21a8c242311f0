import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

/**
 * Columns and tables in snake_case, so SQL written by hand reads like the schema. Primary and
 * foreign keys get PostgreSQL's own names (`site_pkey`, `device_site_id_fkey`), so a migration's
 * plain `PRIMARY KEY` or `REFERENCES site (id)` and the entity agree without naming them twice.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? toSnake(className);
  }

  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return toSnake([...prefixes, customName ?? propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return toSnake(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return toSnake(`${relationName}_${referencedColumnName}`);
  }

  /** PostgreSQL's own name for a primary key (`site_pkey`), as a migration's `PRIMARY KEY` gets. */
  override primaryKeyName(tableOrName: Table | string): string {
    return `${tableName(tableOrName)}_pkey`;
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    const name = `${tableName(tableOrName)}_${columnNames.join('_')}_fkey`;
    // PostgreSQL shortens longer names in its own way: such a key must be named in the entity.
    if (name.length > 63) throw new Error(`Foreign key name ${name} is longer than 63 characters: give it a name in the migration and the entity.`);
    return name;
  }
}

function tableName(tableOrName: Table | string): string {
  return (typeof tableOrName === 'string' ? tableOrName : tableOrName.name).split('.').pop() ?? '';
}

function toSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/__+/g, '_')
    .toLowerCase();
}
