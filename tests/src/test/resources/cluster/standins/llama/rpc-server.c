/* STAND-IN rpc-server, built from drover's test stand-in of llama.cpp's source: NOT llama.cpp. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "--help") == 0)) {
        printf("STAND-IN rpc-server %s (built with cmake from a stand-in source, RPC %s), not llama.cpp\n",
               BUILD_TAG, RPC_ENABLED ? "on" : "off");
        return 0;
    }
    fprintf(stderr, "STAND-IN rpc-server: serves nothing\n");
    return 1;
}
