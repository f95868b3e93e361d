/**
 * A port of Python's {@code str.format}, as python-workflows applies recipe parameters:
 * {@link org.arroyo.camel.zocalo.strformat.StringFormatter} is {@code string.Formatter().vformat},
 * {@code FormatSpec} the format specification mini-language, {@code FloatFormat} its float presentations.
 * They rest on {@link org.arroyo.camel.zocalo.strformat.PythonValues}, Python's {@code str()},
 * {@code repr()}, {@code ==}, {@code in} and {@code []} of JSON values (which the recipe model uses too),
 * and raise {@link org.arroyo.camel.zocalo.strformat.PythonException} with CPython's texts.
 */
package org.arroyo.camel.zocalo.strformat;
