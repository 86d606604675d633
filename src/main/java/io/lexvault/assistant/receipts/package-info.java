/**
 * Signed answer receipts and saved answers: what an answer was built from, signed with the audit key
 * (docs/assistant-receipts.md), and answers kept as encrypted matter notes. Named so the command line
 * can verify a receipt file offline.
 */
@NullMarked
@NamedInterface("receipts")
package io.lexvault.assistant.receipts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
