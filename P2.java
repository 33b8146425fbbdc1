public class P2 { public static void main(String[] a) throws Exception {
  Process p = new ProcessBuilder(System.getProperty("java.home")+"/bin/java","-cp","/tmp/sig","H").redirectErrorStream(true).redirectOutput(new java.io.File("/tmp/sig/out.txt")).start();
  Thread.sleep(1500); p.destroy(); System.out.println("exit " + p.waitFor()); } }
