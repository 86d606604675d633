/**
 * How an answer is made and checked: the offline extractive answerer, the prompt template (with its
 * version), the check of every citation and quotation against the passages given, and the rendering of
 * the model's Markdown to sanitised HTML.
 */
@NullMarked
package io.lexvault.assistant.answers;

import org.jspecify.annotations.NullMarked;
