/** The assistant's API ({@code /api/v1/matters/{id}/assistant/questions}) and the matter's "Ask" page. */
@NullMarked
package io.lexvault.assistant.web;

import org.jspecify.annotations.NullMarked;
