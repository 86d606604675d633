/**
 * The assistant's model providers: per-firm settings (provider, address, region, allowed models, the
 * API key encrypted with the firm's key, budgets), the policy deciding what may answer about a matter
 * (firm, client, user: the strictest wins), monthly token budgets, and the Anthropic Messages and
 * OpenAI-compatible Chat Completions clients built per firm (ADR 0014).
 */
@NullMarked
package io.lexvault.assistant.providers;

import org.jspecify.annotations.NullMarked;
