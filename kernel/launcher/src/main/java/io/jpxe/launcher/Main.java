package io.jpxe.launcher;

public final class Main {
    public static void main(String[] args) {
        System.out.println(org.apache.felix.framework.FrameworkFactory.class.getName());
    }
}
