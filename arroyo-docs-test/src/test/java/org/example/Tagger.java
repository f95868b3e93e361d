package org.example;

/** The user's operator that docs/dsl.md and docs/cli.md name: the test kit's Tagger under the page's class name. */
public class Tagger extends org.arroyo.test.Tagger {

    public Tagger(String label) {
        super(label);
    }
}
