// Validations whose prediction has not arrived yet. They wait here (a small collection) and are
// applied by the drainer when a batch inserts their prediction.
import type { Collection, Db } from 'mongodb';
import { onlyDuplicateKeys } from './server-traits.js';
import { COLLECTIONS } from './collections.js';
import type { JournalValidation } from './ingest-journal.js';

/** `key` names the journal entry and position it came from, so saving it twice keeps one. */
export interface EarlyValidation extends JournalValidation {
  key: string;
}

type EarlyDoc = JournalValidation & { _id: string };

export class EarlyValidations {
  private readonly docs: Collection<EarlyDoc>;

  constructor(db: Db) {
    this.docs = db.collection<EarlyDoc>(COLLECTIONS.earlyValidations);
  }

  /** In the order they were acknowledged, so a later correction of the same id wins. */
  async all(): Promise<EarlyValidation[]> {
    const docs = await this.docs.find({}).sort({ _id: 1 }).toArray();
    return docs.map(({ _id, ...v }) => ({ key: _id, ...v }));
  }

  async add(validations: EarlyValidation[]): Promise<void> {
    if (validations.length === 0) return;
    try {
      await this.docs.insertMany(
        validations.map(({ key, ...v }) => ({ _id: key, ...v })),
        { ordered: false },
      );
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  async remove(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.docs.deleteMany({ _id: { $in: keys } });
  }

  async count(): Promise<number> {
    return this.docs.countDocuments({});
  }
}
