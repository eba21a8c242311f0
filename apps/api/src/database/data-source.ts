import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from './typeorm-options';

/**
 * For the TypeORM CLI only (npm run migration:generate / migration:run), against DATABASE_URL.
 * The API runs its migrations itself at start.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL must be set for the TypeORM CLI (for example the URL the API prints at start).');
}
export default new DataSource(typeOrmOptions(url));
