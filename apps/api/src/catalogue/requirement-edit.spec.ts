import { randomUUID } from 'node:crypto';
import { planRequirementEdit, type RequirementInput, type StoredRequirement } from './requirement-edit';

function newStored(position: number, overrides: Partial<StoredRequirement> = {}): StoredRequirement {
  return {
    id: randomUUID(),
    position,
    name: `Persyaratan ${position}`,
    nameEn: `Requirement ${position}`,
    description: null,
    mandatory: true,
    form: 'copy',
    uploadable: true,
    fileTypes: ['pdf', 'jpg'],
    ...overrides,
  };
}

/** The input an admin form sends back for a stored row, unchanged. */
function asInput(r: StoredRequirement): RequirementInput {
  return { id: r.id, name: r.name, nameEn: r.nameEn ?? undefined, description: r.description ?? undefined, mandatory: r.mandatory, form: r.form, uploadable: r.uploadable, fileTypes: [...r.fileTypes] };
}

function planOf(current: StoredRequirement[], requested: RequirementInput[]) {
  const result = planRequirementEdit(current, requested);
  if (!('plan' in result)) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  return result.plan;
}

describe(planRequirementEdit.name, () => {
  const current = [newStored(1), newStored(2), newStored(3)];

  it('should keep every row and change nothing when the same list comes back with its ids', () => {
    const sut = planOf(current, current.map(asInput));

    expect(sut).toEqual({ updates: current, inserts: [], removals: [], changed: false });
  });

  it('should see no change in white space the edit trims, nor in an empty optional text', () => {
    const requested = current.map((r) => ({ ...asInput(r), name: `  ${r.name} `, description: '' }));

    expect(planOf(current, requested).changed).toBe(false);
  });

  it('should update a row in place, keeping its id, when one of its fields changes', () => {
    const requested = current.map(asInput);
    requested[1] = { ...requested[1], fileTypes: ['pdf'] };

    const sut = planOf(current, requested);

    expect(sut.changed).toBe(true);
    expect(sut.updates.map((r) => r.id)).toEqual(current.map((r) => r.id));
    expect(sut.updates[1]).toEqual({ ...current[1], fileTypes: ['pdf'] });
  });

  it('should move rows to their new positions and count the move as a change', () => {
    const requested = [...current].reverse().map(asInput);

    const sut = planOf(current, requested);

    expect(sut.changed).toBe(true);
    expect(sut.updates.map((r) => [r.id, r.position])).toEqual([...current].reverse().map((r, i) => [r.id, i + 1]));
  });

  it('should add a requirement without an id as a new row at its place', () => {
    const added: RequirementInput = { name: 'Pas foto 3×4', mandatory: false, form: 'original', uploadable: false, fileTypes: [] };

    const sut = planOf(current, [asInput(current[0]), added, asInput(current[1]), asInput(current[2])]);

    expect(sut.changed).toBe(true);
    expect(sut.inserts).toEqual([{ position: 2, name: 'Pas foto 3×4', nameEn: null, description: null, mandatory: false, form: 'original', uploadable: false, fileTypes: [] }]);
    expect(sut.updates.map((r) => r.position)).toEqual([1, 3, 4]);
    expect(sut.removals).toEqual([]);
  });

  it('should remove the rows the list leaves out', () => {
    const sut = planOf(current, [asInput(current[2])]);

    expect(sut.removals).toEqual([current[0].id, current[1].id]);
    expect(sut.updates).toEqual([{ ...current[2], position: 1 }]);
    expect(sut.changed).toBe(true);
  });

  it('should take an id in capitals as the same row', () => {
    const requested = current.map((r) => ({ ...asInput(r), id: r.id.toUpperCase() }));

    expect(planOf(current, requested)).toMatchObject({ changed: false, removals: [] });
  });

  it('should refuse an id that is not one of the rows, and one that comes twice, naming each field in both languages', () => {
    const stranger = randomUUID();

    const sut = planRequirementEdit(current, [asInput(current[0]), { ...asInput(current[1]), id: stranger }, asInput(current[0])]);

    expect('refused' in sut && sut.refused.map((f) => f.field)).toEqual(['requirements.1.id', 'requirements.2.id']);
    for (const f of 'refused' in sut ? sut.refused : []) {
      expect(f.message.id).not.toEqual(f.message.en);
    }
  });
});
