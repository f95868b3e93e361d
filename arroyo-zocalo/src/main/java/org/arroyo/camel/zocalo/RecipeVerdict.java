package org.arroyo.camel.zocalo;

/**
 * Whether python-workflows accepts a recipe and, when not, its error as Python prints it
 * ({@code type: message}).
 */
public record RecipeVerdict(boolean valid, String error) {

    public static RecipeVerdict accepted() {
        return new RecipeVerdict(true, null);
    }

    public static RecipeVerdict rejected(RecipeException e) {
        return new RecipeVerdict(false, e.getMessage());
    }

    @Override
    public String toString() {
        return valid ? "valid" : error;
    }
}
