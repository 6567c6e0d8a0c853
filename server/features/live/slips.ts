/**
 * Proof-of-attendance slips. A slip says: the meeting, its date and start, the minutes present
 * and the chair's pseudonym. Its verification code is 32 bytes in base64url (43 characters): the
 * attendance's id (16 bytes) and an HMAC-SHA256 (first 16 bytes) over the id and everything the
 * slip says. The key is derived with HKDF-SHA256 from SESSION_SECRET (info "kindred attendance
 * slip v1"), so it is separate from every other use of the secret and needs no storage.
 *
 * Verifying looks the attendance up and recomputes the HMAC over what is stored: a slip whose
 * code was changed, or whose words differ from the record, is not genuine. The answer reveals
 * nothing beyond what the slip itself says (so a checker can compare it with the paper). The
 * slip is fixed once the meeting has ended, which is when slips are given. A slip stops
 * verifying when the member deletes their account (their attendance goes with it) or when
 * SESSION_SECRET changes.
 *
 * The chair enters the HMAC as a keyed digest of their pseudonym (HMAC-SHA256, 16 bytes, of
 * "chair:" + name), so when the chair deletes their account the room can keep the digest instead
 * of the name (`erasedChair`) and everyone else's slips of that meeting still verify; the
 * verification then shows no chair.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export interface SlipContent {
  attendanceId: string;
  meetingName: string;
  date: string;
  start: string;
  durationMinutes: number;
  chair: string | null;
}

/**
 * Where a slip is checked by people: the site's page /verify/:code (server-rendered, so it works
 * without JavaScript). The same answer for machines is GET /api/live/slips/verify/:code.
 */
export function slipVerifyUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/verify/${encodeURIComponent(code)}`;
}

const ID_BYTES = 16;
const MAC_BYTES = 16;
/** How a room records the chair of someone who deleted their account: this, then the digest. */
const ERASED_CHAIR = "erased:v1:";

const idBytes = (uuid: string) => Buffer.from(uuid.replaceAll("-", ""), "hex");
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export class SlipSigner {
  private readonly key: Buffer;

  constructor(sessionSecret: string) {
    this.key = Buffer.from(hkdfSync("sha256", sessionSecret, "kindred", "kindred attendance slip v1", 32));
  }

  code(content: SlipContent): string {
    return Buffer.concat([idBytes(content.attendanceId), this.mac(content)]).toString("base64url");
  }

  /** The attendance a code names (whether genuine or not is for `matches`); null for what is not a code. */
  attendanceIdOf(code: string): string | null {
    if (!/^[A-Za-z0-9_-]{43}$/.test(code)) return null;
    return uuidOf(Buffer.from(code, "base64url").subarray(0, ID_BYTES));
  }

  /** Compared as text: base64url has spare bits, so two spellings could decode to the same bytes. */
  matches(code: string, content: SlipContent): boolean {
    const expected = Buffer.from(this.code(content));
    const given = Buffer.from(code);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** What a room keeps instead of the chair's pseudonym once they deleted their account. */
  erasedChair(name: string): string {
    return `${ERASED_CHAIR}${this.chairDigest(name)}`;
  }

  /** The chair as a slip shows it: nobody for an erased one. */
  chairShown(chair: string | null): string | null {
    return chair === null || chair.startsWith(ERASED_CHAIR) ? null : chair;
  }

  private chairDigest(chair: string | null): string | null {
    if (chair === null) return null;
    if (chair.startsWith(ERASED_CHAIR)) return chair.slice(ERASED_CHAIR.length);
    return createHmac("sha256", this.key).update(`chair:${chair}`).digest().subarray(0, MAC_BYTES).toString("base64url");
  }

  private mac(content: SlipContent): Buffer {
    const signed = JSON.stringify([2, content.attendanceId, content.meetingName, content.date, content.start, content.durationMinutes, this.chairDigest(content.chair)]);
    return createHmac("sha256", this.key).update(signed).digest().subarray(0, MAC_BYTES);
  }
}
