import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateServiceDto } from '../../catalogue/dto/service.dto';
import { flattenValidationErrors, validationExceptionFactory } from './validation';

describe(flattenValidationErrors.name, () => {
  const errorsFor = (body: object) => validateSync(plainToInstance(CreateServiceDto, body), { whitelist: true, forbidNonWhitelisted: true });

  it('should give every nested field its dotted path and a message in both languages', () => {
    const sut = flattenValidationErrors(errorsFor({ requirements: [{ name: 'x', mandatory: 'ya', form: 'scan', uploadable: true, fileTypes: ['exe'] }] }));
    const paths = sut.map((f) => f.field);
    expect(paths).toEqual(expect.arrayContaining(['requirements.0.name', 'requirements.0.mandatory', 'requirements.0.form', 'requirements.0.fileTypes', 'code']));
    const form = sut.find((f) => f.field === 'requirements.0.form')!;
    expect(form.message.id).toContain('original, copy, original_and_copy, none');
    expect(form.message.en).toContain('must be one of');
    const name = sut.find((f) => f.field === 'requirements.0.name')!;
    expect(name.message.id).toBe('requirements.0.name minimal 2 karakter.');
  });

  it('should tell an unknown field to go', () => {
    const sut = flattenValidationErrors(errorsFor({ hacker: true }));
    expect(sut.find((f) => f.field === 'hacker')?.message.en).toMatch(/not allowed/);
  });

  it('should build a 400 whose message starts with the first problem', () => {
    const sut = validationExceptionFactory(errorsFor({}));
    expect(sut.getStatus()).toBe(400);
    const body = sut.getResponse() as { code: string; message: { id: string; en: string }; fields: unknown[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message.id).toMatch(/^Data yang dikirim belum benar: .+ \(dan \d+ lainnya\)$/);
    expect(body.fields.length).toBeGreaterThan(5);
  });
});
