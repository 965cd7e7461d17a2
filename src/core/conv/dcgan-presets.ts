/**
 * The DCGAN generator and discriminator (Radford, Metz & Chintala 2015) as written in the
 * PyTorch DCGAN tutorial, with nz = 100, ngf = ndf = 64, nc = 3.
 */

export interface StackPreset {
  name: string;
  description: string;
  /** [N, C, H, W] fed to the first layer. */
  input: [number, number, number, number];
  code: string;
}

export const DCGAN_GENERATOR: StackPreset = {
  name: 'DCGAN generator',
  description: '100-d noise as 1×100×1×1 → 3×64×64 image',
  input: [1, 100, 1, 1],
  code: `nn.Sequential(
    # input is Z, going into a convolution
    nn.ConvTranspose2d(100, 512, 4, 1, 0, bias=False),
    nn.BatchNorm2d(512),
    nn.ReLU(True),
    # state size. 512 x 4 x 4
    nn.ConvTranspose2d(512, 256, 4, 2, 1, bias=False),
    nn.BatchNorm2d(256),
    nn.ReLU(True),
    # state size. 256 x 8 x 8
    nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False),
    nn.BatchNorm2d(128),
    nn.ReLU(True),
    # state size. 128 x 16 x 16
    nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False),
    nn.BatchNorm2d(64),
    nn.ReLU(True),
    # state size. 64 x 32 x 32
    nn.ConvTranspose2d(64, 3, 4, 2, 1, bias=False),
    nn.Tanh(),
    # state size. 3 x 64 x 64
)`,
};

export const DCGAN_DISCRIMINATOR: StackPreset = {
  name: 'DCGAN discriminator',
  description: '3×64×64 image → 1×1×1 probability',
  input: [1, 3, 64, 64],
  code: `nn.Sequential(
    # input is 3 x 64 x 64
    nn.Conv2d(3, 64, 4, 2, 1, bias=False),
    nn.LeakyReLU(0.2, inplace=True),
    # state size. 64 x 32 x 32
    nn.Conv2d(64, 128, 4, 2, 1, bias=False),
    nn.BatchNorm2d(128),
    nn.LeakyReLU(0.2, inplace=True),
    # state size. 128 x 16 x 16
    nn.Conv2d(128, 256, 4, 2, 1, bias=False),
    nn.BatchNorm2d(256),
    nn.LeakyReLU(0.2, inplace=True),
    # state size. 256 x 8 x 8
    nn.Conv2d(256, 512, 4, 2, 1, bias=False),
    nn.BatchNorm2d(512),
    nn.LeakyReLU(0.2, inplace=True),
    # state size. 512 x 4 x 4
    nn.Conv2d(512, 1, 4, 1, 0, bias=False),
    nn.Sigmoid(),
)`,
};

export const STACK_PRESETS: readonly StackPreset[] = [DCGAN_GENERATOR, DCGAN_DISCRIMINATOR];
