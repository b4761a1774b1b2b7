package eval.hello;
public class Main { public static void main(String[] a) { System.out.println("PUT_DONE " + System.currentTimeMillis()); } }
