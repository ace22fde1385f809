package io.terrarium.conda.install;

/**
 * A path written by one record that another record in the prefix already owned (conda's "clobber").
 *
 * @param path          prefix-relative path, '/' separated
 * @param previousOwner dist string ({@code name-version-build}) of the record that owned it
 * @param newOwner      dist string of the record that wrote it now
 */
public record ClobberWarning(String path, String previousOwner, String newOwner) {
    @Override
    public String toString() {
        return newOwner + " overwrote '" + path + "' owned by " + previousOwner;
    }
}
