/**
 * Jinja templating with Ansible 2.14's semantics, on Jinjava.
 *
 * <p>Entry point: {@link dev.drover.template.Templar} ({@code render}, {@code renderText},
 * {@code evaluate}, {@code isTrue}) over a {@link dev.drover.template.TemplateScope} of raw
 * variables; {@link dev.drover.template.TemplateOptions} are the template module's options
 * for {@code renderText}. Where each behaviour lives:
 * <ul>
 *   <li>{@code TemplateSource}: Jinja2's lexer in front of Jinjava: delimiters, line breaks,
 *       trim_blocks, lstrip_blocks, {@code +}/{@code -} whitespace control, comments, raw.</li>
 *   <li>{@code JinjaEngine}: Jinjava's configuration (Python printing, our resolver,
 *       filters, tests, lookups), one render or evaluation, Ansible's trailing-newline rule and
 *       the native-value rule; {@code SingleExpression}, {@code DirectReference} and
 *       {@code PythonLiteral} decide what a string templates to; {@code PlainInterpolation}
 *       renders text with plain references without an interpreter.</li>
 *   <li>Jinja2 where Jinjava differs: {@code PythonicJinjava} and {@code PythonicParser} (a test
 *       after a filter, {@code not}'s precedence, {@code xs.0}), {@code PythonArithmetic}
 *       ({@code %}, {@code *}, {@code **}), {@code PythonEquality} ({@code ==}, {@code in}),
 *       {@code PythonicForTag} ({@code for ... if ...} and
 *       {@code {% else %}}), {@code ExpressionBraces}, {@code DroverInterpreter} (None in a
 *       template's own variables).</li>
 *   <li>{@code RenderSession}, {@code LazyMap}, {@code LazyList}: variables templated when read,
 *       once per call, with recursion detection; a {@code TemplateScope} value (hostvars) is
 *       templated in its own scope.</li>
 *   <li>{@code Undefined}, {@code RenderFailure}, {@code JinjavaErrors}: StrictUndefined and
 *       error messages without Java in them.</li>
 *   <li>{@code AttributeResolver}, {@code PythonMethods}, {@code StringMethods}: {@code x.y},
 *       {@code x['y']} and Python's str/dict/list methods.</li>
 *   <li>{@code PythonRepr}, {@code PythonJson}, {@code PythonYaml}, {@code Numbers},
 *       {@code PythonEquality}: values printed, serialised, compared as Python does.</li>
 *   <li>Filters, one family per class: {@code TypeFilters}, {@code TextFilters},
 *       {@code RegexFilters}, {@code ListFilters}, {@code SelectionFilters}, {@code DictFilters},
 *       {@code DataFormatFilters}, {@code EncodingFilters}, {@code PathFilters}; tests in
 *       {@code AnsibleTests}, {@code TaskResultTests}, {@code VersionTest}; lookups in
 *       {@code Lookups} and {@code LookupPlugins}; all installed by {@code AnsibleLibrary}.</li>
 * </ul>
 * The differential test against ansible-playbook lives in the tests module
 * ({@code dev.drover.tests.template.TemplarOracleTest}); its case table documents what is
 * known to differ.
 */
package dev.drover.template;
