/**
 * The numbers already seen in one import, each with a packed number describing what became of it.
 *
 * A million-row import must remember every number it has seen to merge later duplicates; a Map of strings costs
 * about 100 MB of JavaScript heap for that. E.164 numbers are at most 15 digits, which a double holds exactly, so
 * this open-addressing table keeps keys and values in one Float64Array outside the heap: 16 bytes per slot.
 */
export class PhoneTable {
  private slots: Float64Array;
  private mask: number;
  private count = 0;

  /**
   * @param expected numbers the table will probably hold: it starts large enough for them (at most a million,
   *   32 MB), instead of growing there by copying itself again and again
   */
  constructor(expected = 0) {
    let capacity = 1024;
    while (capacity < 2 * Math.min(expected, 1 << 20)) capacity *= 2;
    this.slots = new Float64Array(2 * capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  get(phone: string): number | undefined {
    const key = this.keyOf(phone);
    for (let i = hash(key) & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.slots[2 * i];
      if (k === 0) return undefined;
      if (k === key) return this.slots[2 * i + 1];
    }
  }

  set(phone: string, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    if (this.put(this.keyOf(phone), value)) this.count++;
  }

  /** A number is looked up and then set: its key is worked out once. */
  private lastPhone = '';
  private lastKey = 0;
  private keyOf(phone: string): number {
    if (phone !== this.lastPhone) {
      this.lastKey = keyOf(phone);
      this.lastPhone = phone;
    }
    return this.lastKey;
  }

  private put(key: number, value: number): boolean {
    for (let i = hash(key) & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.slots[2 * i];
      if (k === 0 || k === key) {
        this.slots[2 * i] = key;
        this.slots[2 * i + 1] = value;
        return k === 0;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.put(old[i], old[i + 1]);
  }
}

/** "+12125550101" → 12125550101. Only E.164 numbers come here (libphonenumber wrote them). */
function keyOf(phone: string): number {
  const key = Number(phone.slice(1));
  if (!Number.isSafeInteger(key) || key <= 0) throw new Error(`not an E.164 number: ${phone}`);
  return key;
}

function hash(key: number): number {
  const lo = (key % 4294967296) | 0;
  const hi = (key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
