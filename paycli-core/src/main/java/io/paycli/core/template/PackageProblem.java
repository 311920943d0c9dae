package io.paycli.core.template;

/**
 * A defect in one file of a template package. Its message starts with the file name; the loader
 * prefixes the template and catalog before it reaches the user.
 */
final class PackageProblem extends RuntimeException {
    PackageProblem(String message) {
        super(message, null, false, false);
    }
}
