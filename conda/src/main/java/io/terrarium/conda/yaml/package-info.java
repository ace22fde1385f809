/**
 * Guards on untrusted YAML before it is composed into a tree: nesting depth, alias count and how far aliases
 * expand the document, so a few kilobytes cannot overflow the stack or the heap.
 */
package io.terrarium.conda.yaml;
