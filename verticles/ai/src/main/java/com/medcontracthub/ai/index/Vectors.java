package com.medcontracthub.ai.index;

/** Arithmetic on embeddings, as the index compares them: the dot product of unit vectors is their cosine. */
public final class Vectors {

  private Vectors() {
  }

  /** {@code vector} scaled to length 1. */
  public static float[] unit(float[] vector) {
    double norm = 0;
    for (float x : vector) {
      norm += x * x;
    }
    if (norm == 0) {
      throw new IllegalArgumentException("a vector of zeros has no direction to search by");
    }
    float scale = (float) (1 / Math.sqrt(norm));
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = vector[i] * scale;
    }
    return unit;
  }

  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
